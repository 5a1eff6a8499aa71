/**
 * OTLP/HTTP response bodies (https://opentelemetry.io/docs/specs/otlp/#otlphttp-response): an
 * `ExportTraceServiceResponse` on success, a `google.rpc.Status` on failure, each in the request's encoding.
 */

export type OtlpEncoding = 'json' | 'protobuf';

/** `ExportTraceServiceResponse`, with `partial_success` only when spans were rejected. */
export function encodeExportResponse(
  encoding: OtlpEncoding,
  rejectedSpans: number,
  errorMessage: string,
): Buffer {
  if (encoding === 'json') {
    const body =
      rejectedSpans === 0 ? {} : { partialSuccess: { rejectedSpans: String(rejectedSpans), errorMessage } };
    return Buffer.from(JSON.stringify(body));
  }
  if (rejectedSpans === 0) return Buffer.alloc(0);
  // partial_success = 1 { rejected_spans = 1 (int64), error_message = 2 (string) }
  const partial = Buffer.concat([
    tag(1, 0),
    varint(rejectedSpans),
    lengthDelimited(2, Buffer.from(errorMessage)),
  ]);
  return lengthDelimited(1, partial);
}

/** gRPC codes used in the Status body, matching the HTTP status. */
const GRPC_CODES: Record<number, number> = { 400: 3, 404: 5, 405: 12, 413: 8, 415: 3, 500: 13, 503: 14 };

/** `google.rpc.Status { code = 1; message = 2 }`. */
export function encodeStatus(encoding: OtlpEncoding, httpStatus: number, message: string): Buffer {
  const code = GRPC_CODES[httpStatus] ?? 2;
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  return Buffer.concat([tag(1, 0), varint(code), lengthDelimited(2, Buffer.from(message))]);
}

function tag(field: number, wireType: number): Buffer {
  return varint((field << 3) | wireType);
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let v = value;
  while (v > 0x7f) {
    bytes.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  bytes.push(v);
  return Buffer.from(bytes);
}

function lengthDelimited(field: number, payload: Buffer): Buffer {
  return Buffer.concat([tag(field, 2), varint(payload.length), payload]);
}
