import { formatClock, formatDuration, type TraceSummary } from '@zips/collector/view';

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
