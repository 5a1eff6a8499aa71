import type { OtlpSpan } from '@zips/collector';
import type { TraceSummary } from '@zips/collector/view';
import type { FeedHealth } from './trace-feed.js';

/** An immutable picture of the feed, taken at most once per frame; all the dashboard renders from. */
export interface FeedSnapshot {
  nowMs: number;
  /** Newest first. */
  summaries: TraceSummary[];
  health: FeedHealth;
  buffered: number;
  dropped: { traces: number; spans: number };
  /** Where the traces come from, e.g. `native store http://127.0.0.1:16686`. */
  source: string;
  spansOf: (traceId: string) => readonly OtlpSpan[] | undefined;
}

/** Anything that can hand the dashboard snapshots and tell it when new data arrived. */
export interface SnapshotSource {
  snapshot(): FeedSnapshot;
  /** Calls `listener` whenever new data arrived; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}
