import type { TraceSummary } from '@zips/collector/view';
import { formatDuration } from '@zips/collector/view';

/** `HH:MM:SS.mmm` in local time, the way a developer reads their own clock. */
export function formatClock(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** One plain-text line per trace, for pipes and `--once`: columns separated by two spaces. */
export function formatTraceLine(summary: TraceSummary): string {
  return [
    formatClock(summary.startMs),
    summary.traceId,
    summary.status === undefined ? '---' : String(summary.status),
    formatDuration(summary.durationMs).padStart(7),
    `${summary.spanCount} span${summary.spanCount === 1 ? '' : 's'}`.padStart(8),
    summary.error ? 'ERROR' : 'ok   ',
    summary.root,
    `[${summary.services.join(',')}]${summary.missingRoot ? ' (root missing)' : ''}`,
  ].join('  ');
}
