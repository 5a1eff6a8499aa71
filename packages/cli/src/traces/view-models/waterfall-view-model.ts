import type { OtlpSpan } from '@zips/collector';
import { formatAttributeValue } from '../assembled/span-attributes.js';
import { buildWaterfall, timingBar, type WaterfallRow } from '../assembled/trace-waterfall.js';
import { fit } from '../text/format-waterfall-text.js';
import { formatDuration } from '../text/human-duration.js';

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

const kindNames = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const statusNames = ['unset', 'ok', 'error'];

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

/** Attributes, events, status and resource of one span, one fact per line. */
export function spanDetailLines(row: WaterfallRow, width: number): string[] {
  const { span } = row;
  const section = (title: string, attributes: Record<string, unknown>) => {
    const keys = Object.keys(attributes).sort();
    return keys.length === 0
      ? []
      : [
          title,
          ...keys.map((key) => fit(`  ${key} = ${formatAttributeValue(attributes[key] as never)}`, width)),
        ];
  };
  return [
    fit(
      `${span.name}  (${kindNames[span.kind]}, ${formatDuration(row.durationMs)}, +${formatDuration(row.offsetMs)})`,
      width,
    ),
    fit(
      `span ${span.spanId}  parent ${span.parentSpanId ?? '-'}${row.missingParent ? ' (not in trace)' : ''}`,
      width,
    ),
    fit(
      `status ${statusNames[span.status.code]}${span.status.message ? `: ${span.status.message}` : ''}  scope ${span.scope.name || '-'}`,
      width,
    ),
    ...section('attributes', span.attributes),
    ...(span.events.length === 0 ? [] : ['events']),
    ...span.events.map((event) => {
      const offset = formatDuration(Number(event.timeUnixNano - span.startTimeUnixNano) / 1e6);
      const attrs = Object.entries(event.attributes).map(
        ([key, value]) => `${key}=${formatAttributeValue(value)}`,
      );
      return fit(`  +${offset} ${event.name} ${attrs.join(' ')}`, width);
    }),
    ...section('resource', span.resource.attributes),
  ];
}
