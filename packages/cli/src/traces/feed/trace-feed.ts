import type { OtlpSpan } from '@zips/collector';
import { type AssembledTrace, summarizeTrace, TraceAssembler, type TraceSummary } from '@zips/collector/view';
import type { CollectorStats, JaegerQueryClient } from '../query/query-client.js';

export interface TraceFeedOptions {
  /** How far back the first poll looks. @default 900000 (15 minutes) */
  lookbackMs?: number;
  /** Later polls re-read this much history, so spans exported late still join their trace. @default 15000 */
  overlapMs?: number;
  /** `query.num_traces` per service and poll (the newest are returned, so this bounds a burst). @default 500 */
  tracesPerPoll?: number;
  /** Only this service's traces are fetched. */
  service?: string | undefined;
  durationMinMs?: number | undefined;
  /** @default 1000 */
  settleMs?: number;
  /** @default 10000 */
  maxTraces?: number;
  now?: () => number;
}

/** Jaeger traces its own query API: polling those traces would list the dashboard's own polls. */
const traceStoreServices = /^jaeger(-all-in-one|-query)?$/;

/** What the dashboard header says about the source. */
export interface FeedHealth {
  polls: number;
  /** Error of the last poll, e.g. the endpoint stopped answering. */
  lastError: string | undefined;
  services: string[];
  collector: CollectorStats | undefined;
}

/**
 * Polls the query API (per service, as real Jaeger requires a service name) and feeds the assembler. Summaries are
 * cached per trace revision so a frame over 10,000 traces only summarises the traces that changed.
 */
export class TraceFeed {
  readonly client: JaegerQueryClient;
  readonly assembler: TraceAssembler;
  readonly health: FeedHealth = { polls: 0, lastError: undefined, services: [], collector: undefined };
  readonly #options: TraceFeedOptions;
  readonly #now: () => number;
  readonly #summaries = new WeakMap<AssembledTrace, { revision: number; summary: TraceSummary }>();
  #lastPollMs: number | undefined;

  constructor(client: JaegerQueryClient, options: TraceFeedOptions = {}) {
    this.client = client;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.assembler = new TraceAssembler({ settleMs: options.settleMs, maxTraces: options.maxTraces });
  }

  /** One round of queries. Returns the traces that completed; throws when the endpoint does not answer. */
  async poll(force = false): Promise<AssembledTrace[]> {
    const now = this.#now();
    const from =
      this.#lastPollMs === undefined
        ? now - (this.#options.lookbackMs ?? 900_000)
        : this.#lastPollMs - (this.#options.overlapMs ?? 15_000);
    const services = this.#options.service
      ? [this.#options.service]
      : (await this.client.services()).filter((name) => !traceStoreServices.test(name));
    const batches = await Promise.all(
      services.map((service) =>
        this.client.findTraces({
          service,
          startMin: new Date(from),
          startMax: new Date(now + 60_000),
          limit: this.#options.tracesPerPoll ?? 500,
          durationMinMs: this.#options.durationMinMs,
        }),
      ),
    );
    this.health.collector = await this.client.stats();
    this.health.services = services;
    this.health.polls++;
    this.health.lastError = undefined;
    this.#lastPollMs = now;
    this.ingest(batches.flat(), this.#now());
    return this.assembler.settle(this.#now(), force);
  }

  /** Adds spans from any source (a poll, a test, the benchmark). */
  ingest(spans: readonly OtlpSpan[], nowMs: number): void {
    this.assembler.add(spans, nowMs);
  }

  summary(trace: AssembledTrace): TraceSummary {
    const cached = this.#summaries.get(trace);
    if (cached?.revision === trace.revision) return cached.summary;
    const summary = summarizeTrace(trace);
    this.#summaries.set(trace, { revision: trace.revision, summary });
    return summary;
  }

  /** Every buffered trace, newest start first. */
  summaries(): TraceSummary[] {
    const list: TraceSummary[] = [];
    for (const trace of this.assembler.traces()) list.push(this.summary(trace));
    return list.sort((a, b) => b.startMs - a.startMs);
  }
}
