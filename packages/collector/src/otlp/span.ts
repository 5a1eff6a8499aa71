/**
 * zips' own model of an OTLP span, decoded from OTLP/JSON or OTLP/protobuf. The embedded collector stores these,
 * the query API renders them back to OTLP/JSON, and the traces dashboard assembles them into traces.
 */

/** An OTLP AnyValue. int64 values beyond 2^53 stay strings, as OTLP/JSON writes them; bytes are base64. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

/** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
export type SpanKind = 0 | 1 | 2 | 3 | 4 | 5;

/** Names of the span kinds, as Jaeger's api/v3 reports them and the trace views show them. */
export const SPAN_KIND_NAMES: Record<SpanKind, string> = {
  0: 'unspecified',
  1: 'internal',
  2: 'server',
  3: 'client',
  4: 'producer',
  5: 'consumer',
};

/** OTLP Status code: 0 unset, 1 ok, 2 error. */
export type StatusCode = 0 | 1 | 2;

export interface SpanEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface OtlpSpan {
  /** 32 lower-case hex characters. */
  traceId: string;
  /** 16 lower-case hex characters. */
  spanId: string;
  /** 16 lower-case hex characters, or undefined for a root span. */
  parentSpanId: string | undefined;
  traceState: string | undefined;
  name: string;
  kind: SpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  events: SpanEvent[];
  links: SpanLink[];
  status: { code: StatusCode; message: string | undefined };
  /** Resource of the span; `service.name` is also copied to `serviceName`. */
  resource: { serviceName: string; attributes: Attributes };
  scope: { name: string; version: string | undefined };
}
