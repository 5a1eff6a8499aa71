import type { Attributes, AttributeValue, OtlpSpan, SpanKind, StatusCode } from './span.js';

const ZERO_TRACE_ID = '0'.repeat(32);
const ZERO_SPAN_ID = '0'.repeat(16);
const HEX = /^[0-9a-f]*$/;

/** Why a span cannot be stored, or undefined when its ids are valid (OTLP: 16/8 bytes, not all zero). */
export function invalidIdsReason(
  traceId: string,
  spanId: string,
  parentSpanId: string | undefined,
): string | undefined {
  if (traceId.length !== 32 || traceId === ZERO_TRACE_ID || !HEX.test(traceId)) {
    return `invalid trace id "${traceId}" (expected 32 hex characters, not all zero)`;
  }
  if (spanId.length !== 16 || spanId === ZERO_SPAN_ID || !HEX.test(spanId)) {
    return `invalid span id "${spanId}" (expected 16 hex characters, not all zero)`;
  }
  if (parentSpanId !== undefined && (parentSpanId.length !== 16 || !HEX.test(parentSpanId))) {
    return `invalid parent span id "${parentSpanId}" (expected 16 hex characters or empty)`;
  }
  return undefined;
}

/** An empty or all-zero parent id means "root span" in OTLP. */
export function normaliseParentId(parentSpanId: string): string | undefined {
  return parentSpanId === '' || parentSpanId === ZERO_SPAN_ID ? undefined : parentSpanId;
}

/** Unknown enum values (from a newer sender) degrade to "unspecified" rather than failing the batch. */
export function toSpanKind(value: number): SpanKind {
  return Number.isInteger(value) && value >= 0 && value <= 5 ? (value as SpanKind) : 0;
}

export function toStatusCode(value: number): StatusCode {
  return Number.isInteger(value) && value >= 0 && value <= 2 ? (value as StatusCode) : 0;
}

/** OTel's default when a resource has no `service.name`. */
export const UNKNOWN_SERVICE = 'unknown_service';

export function serviceNameOf(attributes: Attributes): string {
  const name: AttributeValue | undefined = attributes['service.name'];
  return typeof name === 'string' && name !== '' ? name : UNKNOWN_SERVICE;
}

/** Sets an attribute; a `__proto__` key becomes an own property instead of replacing the object's prototype. */
export function setAttribute(into: Attributes, key: string, value: AttributeValue): void {
  if (key === '__proto__')
    Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  else into[key] = value;
}

/** The result of decoding one export request: the valid spans and how many were rejected, and why. */
export interface DecodedTraces {
  spans: OtlpSpan[];
  rejectedSpans: number;
  /** The first rejection reason, for the OTLP partial_success error_message. */
  rejection: string | undefined;
}
