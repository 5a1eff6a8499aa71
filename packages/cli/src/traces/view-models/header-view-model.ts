import {
  computeRouteStats,
  computeStats,
  describeFilter,
  formatStats,
  type LatencyStats,
  matchesFilter,
} from '@zips/collector/view';
import type { FeedSnapshot } from '../feed/feed-snapshot.js';
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

function statsLine(stats: LatencyStats): string {
  const f = formatStats(stats);
  return `${f.rate}  err ${f.errorRate}  p50 ${f.p50}  p95 ${f.p95}  p99 ${f.p99}`;
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
