import { decodeTracesJsonRequest, parseJsonText } from '../otlp/decode-json.js';
import { decodeTracesProtobuf } from '../otlp/decode-protobuf.js';
import type { OtlpEncoding } from '../otlp/export-response.js';
import type { DecodedTraces } from '../otlp/span-validation.js';
import type { TraceStore } from '../store/trace-store.js';

/** What became of one export request. */
export interface IngestResult {
  /** Spans now in the store. */
  stored: number;
  /** Spans not stored (invalid ids, or their trace was full): the OTLP partial_success count. */
  rejected: number;
  /** Why, for partial_success.error_message; '' when nothing was rejected. */
  rejection: string;
}

/**
 * Decodes one OTLP export request body and stores its spans; shared by the HTTP and gRPC receivers.
 * @throws {OtlpDecodeError} for an undecodable body (nothing is stored).
 */
export function ingest(store: TraceStore, encoding: OtlpEncoding, body: Buffer): IngestResult {
  const decoded: DecodedTraces =
    encoding === 'json'
      ? decodeTracesJsonRequest(parseJsonText(body.toString('utf8')))
      : decodeTracesProtobuf(body);
  const { refused } = store.add(decoded.spans);
  const rejected = decoded.rejectedSpans + refused;
  const rejection =
    decoded.rejection ??
    (refused > 0 ? `${refused} spans dropped: their trace reached the per-trace span limit` : '');
  return { stored: decoded.spans.length - refused, rejected, rejection };
}
