import { ZipsError } from '../../errors.js';
import type { FeedSnapshot, SnapshotSource } from './feed-snapshot.js';
import type { TraceFeed } from './trace-feed.js';

/** Serves snapshots of a {@link TraceFeed}; `notify()` tells subscribed views that new data arrived. */
export class FeedSource implements SnapshotSource {
  readonly #feed: TraceFeed;
  readonly #label: string;
  readonly #now: () => number;
  readonly #listeners = new Set<() => void>();

  constructor(feed: TraceFeed, label: string, now: () => number = Date.now) {
    this.#feed = feed;
    this.#label = label;
    this.#now = now;
  }

  snapshot(): FeedSnapshot {
    const assembler = this.#feed.assembler;
    return {
      nowMs: this.#now(),
      summaries: this.#feed.summaries(),
      health: { ...this.#feed.health },
      buffered: assembler.size,
      dropped: assembler.dropped,
      source: this.#label,
      spansOf: (traceId) => assembler.get(traceId)?.spans,
    };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/**
 * Polls the feed every `intervalMs` until the signal aborts. A failed poll is shown in the dashboard (the empty
 * state explains it) and retried, because the stack may just be starting.
 */
export async function pollForever(
  feed: TraceFeed,
  source: FeedSource,
  intervalMs: number,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      await feed.poll();
    } catch (error) {
      if (!(error instanceof ZipsError)) throw error;
      feed.health.lastError = error.message;
      feed.health.polls++;
    }
    source.notify();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
