/** W3C trace context ids generated up front, so the request can carry its `traceparent` before the SDK loads. */

export interface SpanIds {
  traceId: string;
  spanId: string;
}

export function newSpanIds(): SpanIds {
  return { traceId: nonZeroHex(16), spanId: nonZeroHex(8) };
}

/** `traceparent` header value for a sampled span. */
export function traceparent(ids: SpanIds): string {
  return `00-${ids.traceId}-${ids.spanId}-01`;
}

/**
 * Random hex from Math.random, as the OTel JS SDK's own RandomIdGenerator does: ids must be unique, not secret,
 * and node:crypto would add its load time to every `zips lookup`.
 */
function nonZeroHex(bytes: number): string {
  for (;;) {
    let hex = '';
    for (let i = 0; i < bytes; i++)
      hex += Math.floor(Math.random() * 256)
        .toString(16)
        .padStart(2, '0');
    if (/[^0]/.test(hex)) return hex; // all-zero ids are invalid in W3C trace context
  }
}
