import type { OtlpSpan } from '@zips/collector';
import {
  type AttributeLine,
  buildWaterfall,
  describeSpan,
  formatDuration,
  timingBar,
  type WaterfallRow,
} from '@zips/collector/view';
import { fit } from '../text/format-waterfall-text.js';

export interface WaterfallLine {
  spanId: string;
  selected: boolean;
  text: string;
  error: boolean;
}

export interface WaterfallViewModel {
  title: string;
  lines: WaterfallLine[];
  /** Span detail of the selected span, when open. */
  detail: string[] | undefined;
  spanCount: number;
}

/** Waterfall of one trace for `width` × `height` cells; the span detail takes the lower half when open. */
export function buildWaterfallViewModel(
  traceId: string,
  spans: readonly OtlpSpan[],
  selectedIndex: number,
  showDetail: boolean,
  width: number,
  height: number,
): WaterfallViewModel {
  const waterfall = buildWaterfall(spans);
  const selected = Math.min(selectedIndex, Math.max(0, waterfall.rows.length - 1));
  const labelWidth = Math.max(16, Math.min(50, Math.floor(width * 0.4)));
  const barWidth = Math.max(8, width - labelWidth - 30);
  const detailRows = showDetail ? Math.max(4, Math.floor(height / 2)) : 0;
  // The detail has a border line above it.
  const rowsShown = Math.max(1, height - detailRows - (showDetail ? 1 : 0));
  const start = Math.max(
    0,
    Math.min(selected - Math.floor(rowsShown / 2), waterfall.rows.length - rowsShown),
  );
  const services = new Set(spans.map((span) => span.resource.serviceName));
  const lines = waterfall.rows.slice(start, start + rowsShown).map((row, i) => ({
    spanId: row.span.spanId,
    selected: start + i === selected,
    error: row.span.status.code === 2,
    text: [
      `${start + i === selected ? '›' : ' '}${row.span.status.code === 2 ? '✗' : row.missingParent ? '?' : ' '}`,
      fit(`${'  '.repeat(row.depth)}${row.label}`, labelWidth),
      fit(row.span.resource.serviceName, 14),
      formatDuration(row.durationMs).padStart(8),
      `|${timingBar(row, waterfall.totalMs, barWidth)}|`,
    ].join(' '),
  }));
  const row = waterfall.rows[selected];
  return {
    title: `trace ${traceId} · ${spans.length} spans · ${services.size} service${services.size === 1 ? '' : 's'} · ${formatDuration(waterfall.totalMs)}`,
    lines,
    detail: showDetail && row ? spanDetailLines(row, width).slice(0, detailRows) : undefined,
    spanCount: waterfall.rows.length,
  };
}

/** Attributes, events, status, links and resource of one span, one fact per line. */
export function spanDetailLines(row: WaterfallRow, width: number): string[] {
  const span = describeSpan(row);
  const section = (title: string, lines: AttributeLine[]) =>
    lines.length === 0 ? [] : [title, ...lines.map(([key, value]) => fit(`  ${key} = ${value}`, width))];
  const pairs = (lines: AttributeLine[]) => lines.map(([key, value]) => `${key}=${value}`).join(' ');
  return [
    fit(
      `${span.name}  (${span.kind}, ${formatDuration(span.durationMs)}, +${formatDuration(span.offsetMs)})`,
      width,
    ),
    fit(
      `span ${span.spanId}  parent ${span.parentSpanId ?? '-'}${span.missingParent ? ' (not in trace)' : ''}`,
      width,
    ),
    fit(
      `status ${span.status}${span.statusMessage ? `: ${span.statusMessage}` : ''}  scope ${span.scope || '-'}`,
      width,
    ),
    ...section('attributes', span.attributes),
    ...(span.events.length === 0 ? [] : ['events']),
    ...span.events.map((event) =>
      fit(`  +${formatDuration(event.offsetMs)} ${event.name} ${pairs(event.attributes)}`, width),
    ),
    ...(span.links.length === 0 ? [] : ['links']),
    ...span.links.map((link) => fit(`  ${link.traceId}/${link.spanId} ${pairs(link.attributes)}`, width)),
    ...section('resource', span.resource),
  ];
}
