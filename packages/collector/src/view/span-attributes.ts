import type { AttributeValue, OtlpSpan } from '../otlp/span.js';

/** Reads the first present attribute among semconv keys (new names first, then the pre-1.20 names). */
export function firstAttribute(span: OtlpSpan, keys: readonly string[]): AttributeValue | undefined {
  for (const key of keys) {
    const value = span.attributes[key];
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

export function stringAttribute(span: OtlpSpan, keys: readonly string[]): string | undefined {
  const value = firstAttribute(span, keys);
  return typeof value === 'string' ? value : undefined;
}

/** HTTP status from `http.response.status_code` (or the older `http.status_code`); int64 may arrive as a string. */
export function httpStatus(span: OtlpSpan): number | undefined {
  const value = firstAttribute(span, ['http.response.status_code', 'http.status_code']);
  const status = typeof value === 'string' ? Number(value) : value;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

export function httpMethod(span: OtlpSpan): string | undefined {
  return stringAttribute(span, ['http.request.method', 'http.method']);
}

export function httpRoute(span: OtlpSpan): string | undefined {
  return stringAttribute(span, ['http.route']);
}

export function httpPath(span: OtlpSpan): string | undefined {
  const path = stringAttribute(span, ['url.path', 'http.target']);
  return path?.split('?')[0];
}

/** Renders an attribute value on one line for the span detail and the text waterfall. */
export function formatAttributeValue(value: AttributeValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Nanoseconds as a float of milliseconds, keeping the bigint maths until the subtraction is done. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos) / 1e6;
}
