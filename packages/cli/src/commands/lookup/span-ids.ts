/** W3C trace context ids generated up front, so the request can carry its `traceparent` before the SDK loads. */
import { randomBytes } from 'node:crypto';

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

function nonZeroHex(bytes: number): string {
  for (;;) {
    const hex = randomBytes(bytes).toString('hex');
    if (/[^0]/.test(hex)) return hex; // all-zero ids are invalid in W3C trace context
  }
}
