import { type Attributes, type AttributeValue, SPAN_KIND_NAMES, type StatusCode } from '../otlp/span.js';
import { formatAttributeValue, nanosToMs } from './span-attributes.js';
import type { WaterfallRow } from './trace-waterfall.js';

/** A key and its value on one line, keys sorted: how every view lists attributes. */
export type AttributeLine = [key: string, value: string];

/** Everything about one span that its detail shows, in the order it shows it. */
export interface SpanDetail {
  name: string;
  kind: string;
  spanId: string;
  parentSpanId: string | undefined;
  /** The parent named by the span is not in the trace. */
  missingParent: boolean;
  durationMs: number;
  /** Start relative to the trace start. */
  offsetMs: number;
  status: string;
  statusMessage: string | undefined;
  scope: string;
  attributes: AttributeLine[];
  events: { offsetMs: number; name: string; attributes: AttributeLine[] }[];
  links: { traceId: string; spanId: string; attributes: AttributeLine[] }[];
  resource: AttributeLine[];
}

const statusNames: Record<StatusCode, string> = { 0: 'unset', 1: 'ok', 2: 'error' };

export function attributeLines(attributes: Attributes): AttributeLine[] {
  return Object.keys(attributes)
    .sort()
    .map((key) => [key, formatAttributeValue(attributes[key] as AttributeValue)]);
}

export function describeSpan(row: WaterfallRow): SpanDetail {
  const { span } = row;
  return {
    name: span.name,
    kind: SPAN_KIND_NAMES[span.kind] ?? String(span.kind),
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    missingParent: row.missingParent,
    durationMs: row.durationMs,
    offsetMs: row.offsetMs,
    status: statusNames[span.status.code] ?? String(span.status.code),
    statusMessage: span.status.message || undefined,
    scope: span.scope.name,
    attributes: attributeLines(span.attributes),
    events: span.events.map((event) => ({
      offsetMs: nanosToMs(event.timeUnixNano - span.startTimeUnixNano),
      name: event.name,
      attributes: attributeLines(event.attributes),
    })),
    links: span.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      attributes: attributeLines(link.attributes),
    })),
    resource: attributeLines(span.resource.attributes),
  };
}
