import type { TraceSummary } from '@zips/collector/view';

/** One NDJSON line of `zips traces --json`: stable keys, suitable for `jq`. */
export interface TraceRecord {
  traceId: string;
  root: string;
  status: number | null;
  error: boolean;
  durationMs: number;
  spans: number;
  services: string[];
  /** ISO 8601 start of the earliest span. */
  start: string;
  complete: boolean;
}

export function toTraceRecord(summary: TraceSummary): TraceRecord {
  return {
    traceId: summary.traceId,
    root: summary.root,
    status: summary.status ?? null,
    error: summary.error,
    durationMs: Math.round(summary.durationMs * 1000) / 1000,
    spans: summary.spanCount,
    services: summary.services,
    start: new Date(summary.startMs).toISOString(),
    complete: summary.complete,
  };
}
