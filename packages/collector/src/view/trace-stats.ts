import { formatDuration } from './format-duration.js';
import type { TraceSummary } from './trace-summary.js';

export interface LatencyStats {
  /** Traces per second over the window. */
  ratePerSec: number;
  /** Share of traces with an error, 0..1 (0 when there are none). */
  errorRate: number;
  count: number;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  p99Ms: number | undefined;
  /** Median latency per time bucket, oldest first; undefined where a bucket had no traces. */
  buckets: (number | undefined)[];
}

export interface StatsOptions {
  /** @default 60000 */
  windowMs?: number;
  /** Number of sparkline buckets across the window. @default 30 */
  bucketCount?: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Rates and latency percentiles of the traces that started within the window ending at `nowMs`. */
export function computeStats(
  summaries: Iterable<TraceSummary>,
  nowMs: number,
  options: StatsOptions = {},
): LatencyStats {
  const windowMs = options.windowMs ?? 60_000;
  const bucketCount = options.bucketCount ?? 30;
  const from = nowMs - windowMs;
  const durations: number[] = [];
  const perBucket: number[][] = Array.from({ length: bucketCount }, () => []);
  let errors = 0;
  for (const summary of summaries) {
    if (summary.startMs < from || summary.startMs > nowMs) continue;
    durations.push(summary.durationMs);
    if (summary.error) errors++;
    const index = Math.min(bucketCount - 1, Math.floor(((summary.startMs - from) / windowMs) * bucketCount));
    perBucket[index]?.push(summary.durationMs);
  }
  durations.sort((a, b) => a - b);
  return {
    ratePerSec: durations.length / (windowMs / 1000),
    errorRate: durations.length === 0 ? 0 : errors / durations.length,
    count: durations.length,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    p99Ms: percentile(durations, 99),
    buckets: perBucket.map((bucket) =>
      percentile(
        bucket.sort((a, b) => a - b),
        50,
      ),
    ),
  };
}

/** Stats per route (root operation), busiest first. */
export function computeRouteStats(
  summaries: readonly TraceSummary[],
  nowMs: number,
  options: StatsOptions = {},
): { route: string; stats: LatencyStats }[] {
  const byRoute = new Map<string, TraceSummary[]>();
  for (const summary of summaries) {
    const list = byRoute.get(summary.root) ?? [];
    list.push(summary);
    byRoute.set(summary.root, list);
  }
  return [...byRoute]
    .map(([route, list]) => ({ route, stats: computeStats(list, nowMs, options) }))
    .filter((entry) => entry.stats.count > 0)
    .sort((a, b) => b.stats.count - a.stats.count || a.route.localeCompare(b.route));
}

/** The figures of {@link LatencyStats} as a dashboard header or a web page shows them. */
export interface FormattedStats {
  rate: string;
  errorRate: string;
  p50: string;
  p95: string;
  p99: string;
}

const ms = (value: number | undefined) => (value === undefined ? '–' : formatDuration(value));

export function formatStats(stats: LatencyStats): FormattedStats {
  return {
    rate: `${stats.ratePerSec.toFixed(2)} req/s`,
    errorRate: `${(stats.errorRate * 100).toFixed(1)}%`,
    p50: ms(stats.p50Ms),
    p95: ms(stats.p95Ms),
    p99: ms(stats.p99Ms),
  };
}
