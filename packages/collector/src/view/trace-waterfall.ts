import type { OtlpSpan } from '../otlp/span.js';
import { nanosToMs } from './span-attributes.js';
import { operationLabel } from './trace-summary.js';

/** One span placed on the trace's time axis. */
export interface WaterfallRow {
  span: OtlpSpan;
  depth: number;
  label: string;
  /** Start relative to the trace start, ms. */
  offsetMs: number;
  durationMs: number;
  /** The span names a parent that is not in the trace (lost, dropped, or from another trace). */
  missingParent: boolean;
}

export interface Waterfall {
  rows: WaterfallRow[];
  startNanos: bigint;
  totalMs: number;
}

const byStart = (a: OtlpSpan, b: OtlpSpan) =>
  a.startTimeUnixNano < b.startTimeUnixNano ? -1 : a.startTimeUnixNano > b.startTimeUnixNano ? 1 : 0;

/**
 * Orders spans depth-first, children by start time. Spans whose parent is missing become extra top-level rows,
 * so a trace with a lost parent still shows every span instead of hiding a subtree.
 */
export function buildWaterfall(spans: readonly OtlpSpan[]): Waterfall {
  const ids = new Set(spans.map((span) => span.spanId));
  const children = new Map<string, OtlpSpan[]>();
  const tops: OtlpSpan[] = [];
  for (const span of spans) {
    if (span.parentSpanId === undefined || !ids.has(span.parentSpanId) || span.parentSpanId === span.spanId) {
      tops.push(span);
    } else {
      const list = children.get(span.parentSpanId) ?? [];
      list.push(span);
      children.set(span.parentSpanId, list);
    }
  }
  let startNanos = spans[0]?.startTimeUnixNano ?? 0n;
  let endNanos = spans[0]?.endTimeUnixNano ?? 0n;
  for (const span of spans) {
    if (span.startTimeUnixNano < startNanos) startNanos = span.startTimeUnixNano;
    if (span.endTimeUnixNano > endNanos) endNanos = span.endTimeUnixNano;
  }
  const rows: WaterfallRow[] = [];
  const visited = new Set<OtlpSpan>();
  const visit = (span: OtlpSpan, depth: number): void => {
    // Duplicate span ids or parent cycles would otherwise loop forever.
    if (visited.has(span)) return;
    visited.add(span);
    rows.push({
      span,
      depth,
      label: operationLabel(span),
      offsetMs: nanosToMs(span.startTimeUnixNano - startNanos),
      durationMs:
        span.endTimeUnixNano > span.startTimeUnixNano
          ? nanosToMs(span.endTimeUnixNano - span.startTimeUnixNano)
          : 0,
      missingParent: span.parentSpanId !== undefined && !ids.has(span.parentSpanId),
    });
    for (const child of (children.get(span.spanId) ?? []).sort(byStart)) visit(child, depth + 1);
  };
  for (const top of [...tops].sort(byStart)) visit(top, 0);
  // Spans only reachable through a cycle are still listed.
  for (const span of spans) visit(span, 0);
  return { rows, startNanos, totalMs: endNanos > startNanos ? nanosToMs(endNanos - startNanos) : 0 };
}

/** The `[   ████      ]` bar of one span on a shared axis of `width` cells. */
export function timingBar(row: WaterfallRow, totalMs: number, width: number): string {
  if (width <= 0) return '';
  const scale = totalMs > 0 ? width / totalMs : 0;
  const from = Math.min(width - 1, Math.floor(row.offsetMs * scale));
  const length = Math.max(1, Math.round(row.durationMs * scale));
  const to = Math.min(width, from + length);
  return ' '.repeat(from) + '█'.repeat(to - from) + ' '.repeat(width - to);
}
