import type { OtlpSpan } from '../otlp/span.js';

/** A trace as far as it has arrived. Spans are deduplicated by span id. */
export interface AssembledTrace {
  traceId: string;
  spans: OtlpSpan[];
  /** Wall-clock ms when the first span of this trace arrived. */
  firstSeenMs: number;
  /** Wall-clock ms when a span new to this trace last arrived. */
  lastChangeMs: number;
  /** True once the trace has settled (see {@link AssemblerOptions.settleMs}). */
  complete: boolean;
  /** Bumped on every change, so views can cache per-trace work. */
  revision: number;
}

export interface AssemblerOptions {
  /** A trace with a root span is complete after this long without new spans. @default 1000 */
  settleMs?: number;
  /** A trace whose root never arrives is complete (and shown as such) after this long. @default 10000 */
  rootlessSettleMs?: number;
  /** Oldest traces are dropped beyond this many. @default 10000 */
  maxTraces?: number;
}

/**
 * Groups spans that arrive in batches (each poll of the query API returns whole traces again, and an exporter
 * may deliver one trace's spans across several batches) into traces, and decides when a trace has settled.
 */
export class TraceAssembler {
  readonly #traces = new Map<string, AssembledTrace & { ids: Set<string> }>();
  readonly #settleMs: number;
  readonly #rootlessSettleMs: number;
  /** Oldest traces are dropped beyond this many (see {@link AssemblerOptions.maxTraces}). */
  maxTraces: number;
  #dropped = 0;
  #droppedSpans = 0;

  constructor(options: AssemblerOptions = {}) {
    this.#settleMs = options.settleMs ?? 1000;
    this.#rootlessSettleMs = options.rootlessSettleMs ?? 10_000;
    this.maxTraces = options.maxTraces ?? 10_000;
  }

  /** Adds spans; returns how many were new (duplicates from overlapping polls are ignored). */
  add(spans: readonly OtlpSpan[], nowMs: number): number {
    let added = 0;
    for (const span of spans) {
      let trace = this.#traces.get(span.traceId);
      if (!trace) {
        trace = {
          traceId: span.traceId,
          spans: [],
          ids: new Set(),
          firstSeenMs: nowMs,
          lastChangeMs: nowMs,
          complete: false,
          revision: 0,
        };
        this.#traces.set(span.traceId, trace);
      }
      if (trace.ids.has(span.spanId)) continue;
      trace.ids.add(span.spanId);
      trace.spans.push(span);
      trace.lastChangeMs = nowMs;
      trace.revision++;
      added++;
    }
    this.#evict();
    return added;
  }

  /** Marks settled traces complete and returns those that completed during this call, oldest first. */
  settle(nowMs: number, force = false): AssembledTrace[] {
    const completed: AssembledTrace[] = [];
    for (const trace of this.#traces.values()) {
      if (trace.complete) continue;
      const quietMs = nowMs - trace.lastChangeMs;
      const wait = hasRoot(trace.spans) ? this.#settleMs : this.#rootlessSettleMs;
      if (force || quietMs >= wait) {
        trace.complete = true;
        trace.revision++;
        completed.push(trace);
      }
    }
    return completed;
  }

  get(traceId: string): AssembledTrace | undefined {
    return this.#traces.get(traceId);
  }

  /** All buffered traces in arrival order. */
  traces(): IterableIterator<AssembledTrace> {
    return this.#traces.values();
  }

  get size(): number {
    return this.#traces.size;
  }

  /** Traces (and their spans) dropped because the buffer was full. */
  get dropped(): { traces: number; spans: number } {
    return { traces: this.#dropped, spans: this.#droppedSpans };
  }

  #evict(): void {
    // Map iteration order is insertion order, so the first entries are the traces seen longest ago.
    for (const [traceId, trace] of this.#traces) {
      if (this.#traces.size <= this.maxTraces) return;
      this.#traces.delete(traceId);
      this.#dropped++;
      this.#droppedSpans += trace.spans.length;
    }
  }
}

/** A root is a span without a parent. */
export function hasRoot(spans: readonly OtlpSpan[]): boolean {
  return spans.some((span) => span.parentSpanId === undefined);
}
