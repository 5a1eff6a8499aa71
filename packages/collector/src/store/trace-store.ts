import type { OtlpSpan } from '../otlp/span.js';
import { type Operation, ServiceIndex } from './service-index.js';

/** Options of the in-memory trace store. */
export interface TraceStoreOptions {
  /** Traces kept; adding a new trace beyond this evicts the oldest one (ring buffer). @default 10_000 */
  maxTraces?: number;
  /** Spans kept per trace; further spans of a full trace are dropped and counted. @default 1_000 */
  maxSpansPerTrace?: number;
  /**
   * Spans kept in all; the oldest traces are evicted beyond this, so memory stays bounded even when traces are
   * large (maxTraces alone would allow maxTraces × maxSpansPerTrace spans). @default 200_000
   */
  maxSpans?: number;
}

/** A search. Times are Unix nanoseconds; a trace matches when one of its spans matches every given field. */
export interface TraceQuery {
  service?: string;
  operation?: string;
  startMin?: bigint;
  startMax?: bigint;
  durationMin?: bigint;
  durationMax?: bigint;
  /** Most traces returned, newest first. @default 20 */
  limit?: number;
}

export interface TraceStoreStats {
  /** Traces stored now. */
  traces: number;
  /** Spans stored now. */
  spans: number;
  /** Traces evicted to make room for newer ones. */
  droppedTraces: number;
  /** Spans evicted with their traces, or refused because their trace was full. */
  droppedSpans: number;
  /** Spans ever handed to `add`. */
  receivedSpans: number;
}

export interface AddResult {
  accepted: number;
  /** Spans refused because their trace already held `maxSpansPerTrace` spans. */
  refused: number;
}

export const DEFAULT_MAX_TRACES = 10_000;
export const DEFAULT_MAX_SPANS_PER_TRACE = 1_000;
export const DEFAULT_MAX_SPANS = 200_000;
const DEFAULT_LIMIT = 20;

/**
 * A bounded in-memory trace store: a ring buffer of traces in arrival order (a Map keeps insertion order, so the
 * oldest trace is its first key), with a per-trace span cap. Memory stays bounded however much is sent.
 */
export class TraceStore {
  readonly maxTraces: number;
  readonly maxSpansPerTrace: number;
  readonly maxSpans: number;
  readonly #traces = new Map<string, OtlpSpan[]>();
  readonly #index = new ServiceIndex();
  #spans = 0;
  #droppedTraces = 0;
  #droppedSpans = 0;
  #receivedSpans = 0;

  constructor(options: TraceStoreOptions = {}) {
    this.maxTraces = positiveInteger(options.maxTraces ?? DEFAULT_MAX_TRACES, 'maxTraces');
    this.maxSpans = positiveInteger(options.maxSpans ?? DEFAULT_MAX_SPANS, 'maxSpans');
    const perTrace = positiveInteger(
      options.maxSpansPerTrace ?? DEFAULT_MAX_SPANS_PER_TRACE,
      'maxSpansPerTrace',
    );
    this.maxSpansPerTrace = Math.min(perTrace, this.maxSpans);
  }

  add(spans: readonly OtlpSpan[]): AddResult {
    let accepted = 0;
    for (const span of spans) {
      this.#receivedSpans++;
      let trace = this.#traces.get(span.traceId);
      if (trace === undefined) {
        if (this.#traces.size >= this.maxTraces) this.#evictOldest(span.traceId);
        trace = [];
        this.#traces.set(span.traceId, trace);
      }
      if (trace.length >= this.maxSpansPerTrace) {
        this.#droppedSpans++;
        continue;
      }
      // Room for one more span: evict whole older traces, never the one this span belongs to.
      while (this.#spans >= this.maxSpans) {
        if (!this.#evictOldest(span.traceId)) break;
      }
      trace.push(span);
      this.#index.add(span);
      this.#spans++;
      accepted++;
    }
    return { accepted, refused: spans.length - accepted };
  }

  /** The spans of a trace in arrival order, or undefined when it is not stored. Ids are case-insensitive. */
  getTrace(traceId: string): OtlpSpan[] | undefined {
    const trace = this.#traces.get(traceId.toLowerCase());
    return trace === undefined ? undefined : [...trace];
  }

  /**
   * Every stored trace, newest first, without copying: the arrays are the store's own (read-only to callers) and
   * grow while their trace is still arriving, so a view can cache per-trace work by array and length.
   */
  *recentTraces(): IterableIterator<readonly OtlpSpan[]> {
    const traces = [...this.#traces.values()];
    for (let i = traces.length - 1; i >= 0; i--) yield traces[i] as OtlpSpan[];
  }

  /** Traces matching the query, newest first. */
  findTraces(query: TraceQuery = {}): OtlpSpan[][] {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const traces = [...this.#traces.values()];
    const found: OtlpSpan[][] = [];
    for (let i = traces.length - 1; i >= 0 && found.length < limit; i--) {
      const trace = traces[i] as OtlpSpan[];
      if (trace.some((span) => spanMatches(span, query))) found.push([...trace]);
    }
    return found;
  }

  /** Service names of the stored spans, sorted. */
  services(): string[] {
    return this.#index.services();
  }

  operations(service: string | undefined, spanKind?: string): Operation[] {
    return this.#index.operations(service, spanKind);
  }

  stats(): TraceStoreStats {
    return {
      traces: this.#traces.size,
      spans: this.#spans,
      droppedTraces: this.#droppedTraces,
      droppedSpans: this.#droppedSpans,
      receivedSpans: this.#receivedSpans,
    };
  }

  /** Evicts the oldest trace other than `keep`; maxSpansPerTrace <= maxSpans guarantees there is one to evict. */
  #evictOldest(keep?: string): boolean {
    let oldest: [string, OtlpSpan[]] | undefined;
    for (const entry of this.#traces) {
      if (entry[0] !== keep) {
        oldest = entry;
        break;
      }
    }
    if (oldest === undefined) return false;
    const [traceId, spans] = oldest;
    this.#traces.delete(traceId);
    for (const span of spans) this.#index.remove(span);
    this.#spans -= spans.length;
    this.#droppedTraces++;
    this.#droppedSpans += spans.length;
    return true;
  }
}

function spanMatches(span: OtlpSpan, query: TraceQuery): boolean {
  if (query.service !== undefined && span.resource.serviceName !== query.service) return false;
  if (query.operation !== undefined && span.name !== query.operation) return false;
  if (query.startMin !== undefined && span.startTimeUnixNano < query.startMin) return false;
  if (query.startMax !== undefined && span.startTimeUnixNano > query.startMax) return false;
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  if (query.durationMin !== undefined && duration < query.durationMin) return false;
  if (query.durationMax !== undefined && duration > query.durationMax) return false;
  return true;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
