import { formatDuration } from './format-duration.js';
import type { TraceSummary } from './trace-summary.js';

/** Which traces to show. Every field is optional; an empty filter shows everything but health checks. */
export interface TraceFilter {
  /** Only traces that include a span of this service. */
  service?: string | undefined;
  /** Case-insensitive substring of the root operation (e.g. `/zips/:zip` or `GET`). */
  route?: string | undefined;
  /** An exact status (`404`) or a class (`5xx`). */
  status?: string | undefined;
  minDurationMs?: number | undefined;
  maxDurationMs?: number | undefined;
  errorsOnly?: boolean | undefined;
  /** Health-check traces are noise while debugging, so they are hidden unless asked for. @default false */
  showHealth?: boolean | undefined;
  /** Only traces that started at or after this epoch ms. */
  sinceMs?: number | undefined;
}

export function matchesFilter(summary: TraceSummary, filter: TraceFilter): boolean {
  if (summary.healthCheck && !filter.showHealth) return false;
  if (filter.errorsOnly && !summary.error) return false;
  if (filter.minDurationMs !== undefined && summary.durationMs < filter.minDurationMs) return false;
  if (filter.maxDurationMs !== undefined && summary.durationMs > filter.maxDurationMs) return false;
  if (filter.sinceMs !== undefined && summary.startMs < filter.sinceMs) return false;
  if (filter.service && !summary.services.includes(filter.service)) return false;
  if (filter.route && !summary.root.toLowerCase().includes(filter.route.toLowerCase())) return false;
  if (filter.status && !matchesStatus(summary.status, filter.status)) return false;
  return true;
}

function matchesStatus(status: number | undefined, wanted: string): boolean {
  if (status === undefined) return false;
  const pattern = wanted.toLowerCase();
  if (/^[1-5]xx$/.test(pattern)) return Math.floor(status / 100) === Number(pattern[0]);
  return String(status) === pattern;
}

/** The filter as the user would type it back in the dashboard, for its header. */
export function describeFilter(filter: TraceFilter): string {
  const parts: string[] = [];
  if (filter.route) parts.push(`route:${filter.route}`);
  if (filter.status) parts.push(`status:${filter.status}`);
  if (filter.minDurationMs !== undefined) parts.push(`>${formatDuration(filter.minDurationMs)}`);
  if (filter.maxDurationMs !== undefined) parts.push(`<${formatDuration(filter.maxDurationMs)}`);
  if (filter.errorsOnly) parts.push('errors');
  if (filter.service) parts.push(`service:${filter.service}`);
  if (filter.showHealth) parts.push('health');
  return parts.join(' ');
}
