import type { OtlpSpan } from '@zips/collector';
import { buildWaterfall, formatDuration, timingBar } from '@zips/collector/view';

/** Options of the text waterfall printed by `zips traces <traceId>`. */
export interface WaterfallTextOptions {
  /** Total line width. @default 100 */
  width?: number;
}

/** A shareable text waterfall: indented operations, service, duration and a bar on the trace's time axis. */
export function formatWaterfallText(
  traceId: string,
  spans: readonly OtlpSpan[],
  options: WaterfallTextOptions = {},
): string {
  const waterfall = buildWaterfall(spans);
  const width = options.width ?? 100;
  const labelWidth = Math.min(48, Math.max(20, Math.floor(width * 0.4)));
  const barWidth = Math.max(10, width - labelWidth - 26);
  const services = new Set(spans.map((span) => span.resource.serviceName));
  const lines = [
    `trace ${traceId}  ${spans.length} spans  ${services.size} service${services.size === 1 ? '' : 's'}  ${formatDuration(waterfall.totalMs)}`,
  ];
  for (const row of waterfall.rows) {
    const mark = row.span.status.code === 2 ? '!' : row.missingParent ? '?' : ' ';
    const label = `${'  '.repeat(row.depth)}${row.label}`;
    lines.push(
      [
        `${mark} ${fit(label, labelWidth)}`,
        fit(row.span.resource.serviceName, 12),
        formatDuration(row.durationMs).padStart(7),
        `|${timingBar(row, waterfall.totalMs, barWidth)}|`,
      ].join(' '),
    );
  }
  lines.push('! = error status   ? = parent span not in this trace');
  return lines.join('\n');
}

/** Pads or cuts text to exactly `width` columns, with an ellipsis when cut. */
export function fit(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  return `${text.slice(0, width - 1)}…`;
}
