import type { OtlpSpan } from '../otlp/span.js';
import type { TraceStore } from '../store/trace-store.js';
import { summarizeTrace, type TraceSummary } from '../view/trace-summary.js';

/**
 * Summaries of the stored traces, computed once per trace and again only when spans were added to it: the store
 * hands out its own arrays, so the array is the key and its length the revision. Evicted traces drop out with
 * their arrays (a WeakMap).
 */
export class SummaryCache {
  readonly #cache = new WeakMap<readonly OtlpSpan[], { length: number; summary: TraceSummary }>();

  /** Summaries of every stored trace, newest arrival first. */
  *summaries(store: TraceStore): IterableIterator<TraceSummary> {
    for (const spans of store.recentTraces()) yield this.#summary(spans);
  }

  #summary(spans: readonly OtlpSpan[]): TraceSummary {
    const cached = this.#cache.get(spans);
    if (cached !== undefined && cached.length === spans.length) return cached.summary;
    const first = spans[0] as OtlpSpan;
    const summary = summarizeTrace({ traceId: first.traceId, spans, complete: true });
    this.#cache.set(spans, { length: spans.length, summary });
    return summary;
  }
}
