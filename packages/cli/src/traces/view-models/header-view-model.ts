import { describeFilter, matchesFilter } from '../assembled/trace-filter.js';
import { computeRouteStats, computeStats, type LatencyStats } from '../assembled/trace-stats.js';
import type { FeedSnapshot } from '../feed/feed-snapshot.js';
import { formatDuration } from '../text/human-duration.js';
import { sparkline } from '../text/sparkline.js';
import type { DashboardState } from './dashboard-state.js';

export interface HeaderViewModel {
  title: string;
  mode: 'LIVE' | 'PAUSED';
  stats: string;
  buffer: string;
  /** Per-route lines, when toggled with `r`. */
  routes: string[];
}

/** The stats window: long enough for stable percentiles, short enough to react to a change. */
export const statsWindowMs = 60_000;

const ms = (value: number | undefined) => (value === undefined ? '–' : formatDuration(value));

function statsLine(stats: LatencyStats): string {
  return `${stats.ratePerSec.toFixed(2)} req/s  err ${(stats.errorRate * 100).toFixed(1)}%  p50 ${ms(stats.p50Ms)}  p95 ${ms(stats.p95Ms)}  p99 ${ms(stats.p99Ms)}`;
}

export function buildHeaderViewModel(
  snapshot: FeedSnapshot,
  state: DashboardState,
  width: number,
): HeaderViewModel {
  // Stats follow the filter (minus the time window) so `/errors` or a route shows that slice's latency.
  const shown = snapshot.summaries.filter((summary) =>
    matchesFilter(summary, { ...state.filter, sinceMs: undefined }),
  );
  const stats = computeStats(shown, snapshot.nowMs, {
    windowMs: statsWindowMs,
    bucketCount: width >= 100 ? 30 : 15,
  });
  const collector = snapshot.health.collector;
  const store = collector
    ? `store ${collector.traces} traces, dropped ${collector.droppedTraces}`
    : `dropped ${snapshot.dropped.traces}`;
  const filter = describeFilter(state.filter);
  return {
    title: `zips traces · ${snapshot.source}`,
    mode: state.paused ? 'PAUSED' : 'LIVE',
    stats: `${statsLine(stats)}  ${sparkline(stats.buckets)} (last ${statsWindowMs / 1000}s)`,
    buffer: `buffered ${snapshot.buffered} · ${store} · sort ${state.sort}${filter ? ` · filter ${filter}` : ''}`,
    routes: state.routes
      ? computeRouteStats(shown, snapshot.nowMs, { windowMs: statsWindowMs })
          .slice(0, 5)
          .map(
            ({ route, stats: routeStats }) => `  ${route.padEnd(24).slice(0, 24)} ${statsLine(routeStats)}`,
          )
      : [],
  };
}
