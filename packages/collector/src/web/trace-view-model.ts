import type { OtlpSpan } from '../otlp/span.js';
import { formatClock, formatDuration } from '../view/format-duration.js';
import { describeSpan, type SpanDetail } from '../view/span-detail.js';
import { summarizeTrace, type TraceSummary } from '../view/trace-summary.js';
import { buildWaterfall } from '../view/trace-waterfall.js';

/** Colours cycle through this many service classes (`svc-0` … `svc-7` in the stylesheet). */
export const SERVICE_COLOURS = 8;

export interface WaterfallBar {
  spanId: string;
  parentSpanId: string | undefined;
  depth: number;
  label: string;
  service: string;
  colour: number;
  duration: string;
  /** Start and length on the trace's axis, in thousandths of its duration (the SVG's viewBox is 1000 wide). */
  x: number;
  width: number;
  error: boolean;
  missingParent: boolean;
  detail: SpanDetail;
}

export interface TraceViewModel {
  summary: TraceSummary;
  started: string;
  duration: string;
  services: { name: string; colour: number }[];
  /** Labels of the time axis: 0, ¼, ½, ¾ and the whole duration. */
  ticks: string[];
  bars: WaterfallBar[];
}

/** The `/trace/<id>` page's data, from the same waterfall layout as the dashboard's. */
export function buildTraceViewModel(traceId: string, spans: readonly OtlpSpan[]): TraceViewModel {
  const summary = summarizeTrace({ traceId, spans, complete: true });
  const waterfall = buildWaterfall(spans);
  const colours = new Map(summary.services.map((name, i) => [name, i % SERVICE_COLOURS]));
  const total = waterfall.totalMs;
  const scale = (ms: number) => (total > 0 ? Math.round((ms / total) * 10_000) / 10 : 0);
  return {
    summary,
    started: `${formatClock(summary.startMs)} (${new Date(summary.startMs).toISOString()})`,
    duration: formatDuration(summary.durationMs),
    services: summary.services.map((name) => ({ name, colour: colours.get(name) ?? 0 })),
    ticks: [0, 0.25, 0.5, 0.75, 1].map((f) => formatDuration(total * f)),
    bars: waterfall.rows.map((row) => {
      const x = Math.min(999, scale(row.offsetMs));
      return {
        spanId: row.span.spanId,
        parentSpanId: row.span.parentSpanId,
        depth: row.depth,
        label: row.label,
        service: row.span.resource.serviceName,
        colour: colours.get(row.span.resource.serviceName) ?? 0,
        duration: formatDuration(row.durationMs),
        x,
        // At least a sliver, so a span of 0 µs is still visible.
        width: Math.max(2, Math.min(1000 - x, scale(row.durationMs))),
        error: row.span.status.code === 2,
        missingParent: row.missingParent,
        detail: describeSpan(row),
      };
    }),
  };
}
