import type { Attributes, AttributeValue, OtlpSpan, SpanKind } from '@zips/collector';

/*
 * Reads Jaeger's v1 "UI JSON" (the shape of `GET /api/traces/{id}` and of Jaeger UI fixtures) into zips spans, so
 * traces exported from an older Jaeger can be viewed, and so the assembler is tested on Jaeger's own fixtures.
 */

interface V1Tag {
  key: string;
  type?: string;
  value: unknown;
}
interface V1Reference {
  refType: string;
  traceID: string;
  spanID: string;
}
interface V1Span {
  traceID: string;
  spanID: string;
  operationName: string;
  references?: V1Reference[] | null;
  startTime: number;
  duration: number;
  tags?: V1Tag[] | null;
  logs?: { timestamp: number; fields?: V1Tag[] | null }[] | null;
  processID: string;
}
interface V1Trace {
  traceID: string;
  spans: V1Span[];
  processes: Record<string, { serviceName: string; tags?: V1Tag[] | null }>;
}

const kinds: Record<string, SpanKind> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/** Accepts one v1 trace object or the `{data: [...]}` envelope. */
export function spansFromJaegerV1(body: unknown): OtlpSpan[] {
  const envelope = body as { data?: unknown };
  const traces = (Array.isArray(envelope.data) ? envelope.data : [body]) as V1Trace[];
  return traces.flatMap((trace) => trace.spans.map((span) => toSpan(span, trace)));
}

/** v1 ids drop leading zeros and may be 64-bit; OTLP ids are fixed-width lower-case hex. */
export function padId(id: string, length: number): string {
  return id.toLowerCase().padStart(length, '0');
}

function toSpan(span: V1Span, trace: V1Trace): OtlpSpan {
  const traceId = padId(span.traceID, 32);
  const references = span.references ?? [];
  const sameTrace = references.filter((ref) => padId(ref.traceID, 32) === traceId);
  const parent = sameTrace.find((ref) => ref.refType === 'CHILD_OF') ?? sameTrace[0] ?? references[0];
  const attributes = toAttributes(span.tags);
  const kindTag = attributes['span.kind'];
  const process = trace.processes[span.processID];
  const start = BigInt(Math.round(span.startTime)) * 1000n;
  return {
    traceId,
    spanId: padId(span.spanID, 16),
    parentSpanId: parent ? padId(parent.spanID, 16) : undefined,
    traceState: undefined,
    name: span.operationName,
    kind: typeof kindTag === 'string' ? (kinds[kindTag] ?? 0) : 0,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(Math.round(span.duration)) * 1000n,
    attributes,
    events: (span.logs ?? []).map((log) => {
      const fields = toAttributes(log.fields);
      const name = fields.event;
      return {
        name: typeof name === 'string' ? name : 'log',
        timeUnixNano: BigInt(log.timestamp) * 1000n,
        attributes: fields,
      };
    }),
    links: references
      .filter((ref) => ref !== parent)
      .map((ref) => ({ traceId: padId(ref.traceID, 32), spanId: padId(ref.spanID, 16), attributes: {} })),
    status: { code: attributes.error === true || attributes.error === 'true' ? 2 : 0, message: undefined },
    resource: {
      serviceName: process?.serviceName ?? 'unknown_service',
      attributes: {
        'service.name': process?.serviceName ?? 'unknown_service',
        ...toAttributes(process?.tags),
      },
    },
    scope: {
      name: typeof attributes['otel.scope.name'] === 'string' ? attributes['otel.scope.name'] : '',
      version: undefined,
    },
  };
}

function toAttributes(tags: V1Tag[] | null | undefined): Attributes {
  const attributes: Attributes = {};
  for (const tag of tags ?? []) attributes[tag.key] = tag.value as AttributeValue;
  return attributes;
}
