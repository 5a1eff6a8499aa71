import type { TraceSummary } from './trace-summary.js';

/** The orders a trace list can be shown in. */
export type SortKey = 'newest' | 'slowest' | 'errors';
export const sortKeys: readonly SortKey[] = ['newest', 'slowest', 'errors'];

const compareBy: Record<SortKey, (a: TraceSummary, b: TraceSummary) => number> = {
  newest: (a, b) => b.startMs - a.startMs,
  slowest: (a, b) => b.durationMs - a.durationMs || b.startMs - a.startMs,
  errors: (a, b) => Number(b.error) - Number(a.error) || b.startMs - a.startMs,
};

/** Sorts summaries in place by `key` and returns them. */
export function sortTraces(summaries: TraceSummary[], key: SortKey): TraceSummary[] {
  return summaries.sort(compareBy[key]);
}
