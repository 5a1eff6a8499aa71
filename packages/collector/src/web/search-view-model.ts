import type { TraceStore } from '../store/trace-store.js';
import { type EmptyStateViewModel, hiddenByFilter, noTracesYet } from '../view/empty-state.js';
import { formatClock, formatDuration } from '../view/format-duration.js';
import { matchesFilter } from '../view/trace-filter.js';
import { sortTraces } from '../view/trace-order.js';
import { computeRouteStats, computeStats, type FormattedStats, formatStats } from '../view/trace-stats.js';
import type { TraceSummary } from '../view/trace-summary.js';
import type { SearchRequest } from './search-params.js';
import type { SummaryCache } from './summary-cache.js';

export interface SearchRow {
  traceId: string;
  time: string;
  isoTime: string;
  root: string;
  status: string;
  duration: string;
  spans: number;
  services: string;
  error: boolean;
  missingRoot: boolean;
}

export interface SearchViewModel {
  services: string[];
  rows: SearchRow[];
  /** Traces that matched, before the limit. */
  matched: number;
  stored: number;
  window: string;
  overall: FormattedStats & { count: number };
  routes: (FormattedStats & { route: string; count: number })[];
  empty: EmptyStateViewModel | undefined;
}

/** The `/search` page's data: matching traces newest first, and per-route stats over the window. */
export function buildSearchViewModel(
  store: TraceStore,
  cache: SummaryCache,
  request: SearchRequest,
): SearchViewModel {
  const inWindow: TraceSummary[] = [];
  const matching: TraceSummary[] = [];
  for (const summary of cache.summaries(store)) {
    if (summary.startMs < request.fromMs || summary.startMs > request.toMs) continue;
    inWindow.push(summary);
    if (matchesFilter(summary, request.filter)) matching.push(summary);
  }
  sortTraces(matching, 'newest');
  const windowMs = Math.max(1, request.toMs - request.fromMs);
  const stats = { windowMs, bucketCount: 1 };
  const overall = computeStats(matching, request.toMs, stats);
  const stored = store.stats().traces;
  return {
    services: store.services(),
    rows: matching.slice(0, request.limit).map(toRow),
    matched: matching.length,
    stored,
    window: `${formatClock(request.fromMs)} – ${formatClock(request.toMs)} (${formatDuration(windowMs)})`,
    overall: { ...formatStats(overall), count: overall.count },
    routes: computeRouteStats(matching, request.toMs, stats).map(({ route, stats: routeStats }) => ({
      route,
      count: routeStats.count,
      ...formatStats(routeStats),
    })),
    empty: emptyState(stored, inWindow.length, matching.length),
  };
}

function emptyState(stored: number, inWindow: number, matched: number): EmptyStateViewModel | undefined {
  if (matched > 0) return undefined;
  if (inWindow > 0) {
    return hiddenByFilter(
      inWindow,
      'Widen the search: tick “Show health checks”, clear a field, or choose a longer lookback.',
    );
  }
  return noTracesYet(stored > 0);
}

function toRow(summary: TraceSummary): SearchRow {
  return {
    traceId: summary.traceId,
    time: formatClock(summary.startMs),
    isoTime: new Date(summary.startMs).toISOString(),
    root: summary.root,
    status: summary.status === undefined ? '—' : String(summary.status),
    duration: formatDuration(summary.durationMs),
    spans: summary.spanCount,
    services: summary.services.join(', '),
    error: summary.error,
    missingRoot: summary.missingRoot,
  };
}
