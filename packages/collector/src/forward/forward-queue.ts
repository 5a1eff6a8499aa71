import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ReceivedBatch } from '../receive/otlp-receiver.js';

const gzipAsync = promisify(gzip);

export interface ForwarderOptions {
  log: (line: string) => void;
  /** Batches waiting per target; the oldest is dropped beyond this. @default 10_000 */
  maxQueue?: number;
  /** Bytes (decompressed bodies) waiting per target; the oldest batches are dropped beyond this. @default 64 MiB */
  maxQueueBytes?: number;
  /** Timeout of one export request. @default 10_000 */
  timeoutMs?: number;
  /** First wait before retrying a batch; it doubles after each failure, up to `maxBackoffMs`. @default 250 */
  initialBackoffMs?: number;
  /** @default 5_000 */
  maxBackoffMs?: number;
  /** Where header values are read. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface ForwardTargetStats {
  name: string;
  url: string;
  sentBatches: number;
  /** Batches the target refused for good (a 4xx other than 429): dropped, not retried. */
  failedBatches: number;
  /** Batches dropped because the backlog was full (or left when the collector stopped). */
  droppedBatches: number;
  droppedSpans: number;
  /** Attempts that failed and will be tried again (network errors, timeouts, 429, 502, 503, 504). */
  retries: number;
  /** Batches waiting, the one being sent included, and their decompressed bytes and spans. */
  queued: number;
  queuedBytes: number;
  queuedSpans: number;
  state: 'ok' | 'failing';
}

/** What one attempt came to: sent, to be retried (after `afterMs` when the target said so), or refused for good. */
type Attempt =
  | { outcome: 'sent' }
  | { outcome: 'retry'; problem: string; afterMs?: number }
  | { outcome: 'refused'; problem: string };

/** Statuses the OTLP/HTTP specification says to retry; every other error status is final. */
const RETRYABLE = new Set([429, 502, 503, 504]);
/** A Retry-After longer than this is shortened: the backlog is bounded anyway, and the target may be back sooner. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * One target's backlog, drained one request at a time, like a Collector exporter with a sending queue and retry on
 * failure: a batch the target could not take now (network error, timeout, 429/502/503/504) is retried with
 * exponential backoff, or after the target's Retry-After, until it is sent; the backlog is bounded in batches and
 * bytes, and what falls off its end is counted. Logs only when the target's state changes (ok ↔ failing), and
 * never a header value.
 */
export class TargetQueue {
  readonly #name: string;
  readonly #url: URL;
  readonly #headers: Headers;
  readonly #log: (line: string) => void;
  readonly #maxQueue: number;
  readonly #maxQueueBytes: number;
  readonly #timeoutMs: number;
  readonly #initialBackoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #queue: ReceivedBatch[] = [];
  readonly #abort = new AbortController();
  #inFlight: ReceivedBatch | undefined;
  #queuedBytes = 0;
  #running: Promise<void> | undefined;
  #state: 'ok' | 'failing' = 'ok';
  #sent = 0;
  #failed = 0;
  #dropped = 0;
  #droppedSpans = 0;
  #retries = 0;

  constructor(name: string, resolved: { url: URL; headers: Headers }, options: ForwarderOptions) {
    this.#name = name;
    this.#url = resolved.url;
    this.#headers = resolved.headers;
    this.#log = options.log;
    this.#maxQueue = options.maxQueue ?? 10_000;
    this.#maxQueueBytes = options.maxQueueBytes ?? 64 * 1024 * 1024;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#initialBackoffMs = options.initialBackoffMs ?? 250;
    this.#maxBackoffMs = options.maxBackoffMs ?? 5_000;
  }

  enqueue(batch: ReceivedBatch): void {
    if (this.#abort.signal.aborted) return;
    this.#queue.push(batch);
    this.#queuedBytes += batch.body.length;
    while (
      this.#queue.length > this.#maxQueue ||
      (this.#queuedBytes > this.#maxQueueBytes && this.#queue.length > 1)
    ) {
      this.#drop(this.#queue.shift() as ReceivedBatch);
    }
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  #drop(batch: ReceivedBatch): void {
    this.#queuedBytes -= batch.body.length;
    this.#dropped++;
    this.#droppedSpans += batch.spans;
  }

  async #drain(): Promise<void> {
    for (let batch = this.#queue.shift(); batch !== undefined; batch = this.#queue.shift()) {
      this.#queuedBytes -= batch.body.length;
      this.#inFlight = batch;
      let backoff = this.#initialBackoffMs;
      for (;;) {
        const attempt = await this.#send(batch);
        if (this.#abort.signal.aborted) return;
        if (attempt.outcome === 'sent') {
          this.#sent++;
          this.#setState(undefined);
          break;
        }
        this.#setState(attempt.problem);
        if (attempt.outcome === 'refused') {
          this.#failed++;
          break;
        }
        this.#retries++;
        // Jitter (half to all of the backoff) keeps several collectors from retrying in step.
        await this.#sleep(attempt.afterMs ?? Math.round(backoff * (0.5 + Math.random() / 2)));
        if (this.#abort.signal.aborted) return;
        backoff = Math.min(backoff * 2, this.#maxBackoffMs);
      }
      this.#inFlight = undefined;
    }
  }

  /** Waits `ms`, or less when the queue is closed; leaves no listener behind on the abort signal. */
  #sleep(ms: number): Promise<void> {
    return sleep(ms, undefined, { signal: this.#abort.signal }).catch(() => {
      // Aborted: close() is ending the queue, and the caller checks for that.
    });
  }

  /** One attempt to send a batch. */
  async #send(batch: ReceivedBatch): Promise<Attempt> {
    try {
      const headers = new Headers(this.#headers);
      headers.set('content-type', batch.encoding === 'json' ? 'application/json' : 'application/x-protobuf');
      headers.set('content-encoding', 'gzip');
      const response = await fetch(this.#url, {
        method: 'POST',
        headers,
        body: await gzipAsync(batch.body),
        signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#timeoutMs)]),
      });
      const text = await response.text();
      if (response.ok) return { outcome: 'sent' };
      const problem = `HTTP ${response.status} ${text.slice(0, 200)}`.trim();
      if (!RETRYABLE.has(response.status)) return { outcome: 'refused', problem };
      return { outcome: 'retry', problem, afterMs: retryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      return {
        outcome: 'retry',
        problem: `${(error as Error).message}${cause === undefined ? '' : ` (${cause.message})`}`,
      };
    }
  }

  #setState(problem: string | undefined): void {
    const state = problem === undefined ? 'ok' : 'failing';
    if (state === this.#state) return;
    this.#state = state;
    if (problem === undefined)
      this.#log(`forward ${this.#name}: recovered, exporting to ${this.#url.origin} again`);
    else this.#log(`forward ${this.#name}: export to ${this.#url} failing: ${this.#redact(problem)}`);
  }

  /** A vendor's error body could echo a credential back: no header value ever reaches the log. */
  #redact(text: string): string {
    let redacted = text;
    for (const [, value] of this.#headers)
      if (value.length >= 4) redacted = redacted.replaceAll(value, '[redacted]');
    return redacted;
  }

  stats(): ForwardTargetStats {
    const waiting = this.#inFlight === undefined ? this.#queue : [this.#inFlight, ...this.#queue];
    return {
      name: this.#name,
      url: this.#url.toString(),
      sentBatches: this.#sent,
      failedBatches: this.#failed,
      droppedBatches: this.#dropped,
      droppedSpans: this.#droppedSpans,
      retries: this.#retries,
      queued: waiting.length,
      queuedBytes: this.#queuedBytes + (this.#inFlight?.body.length ?? 0),
      queuedSpans: waiting.reduce((sum, batch) => sum + batch.spans, 0),
      state: this.#state,
    };
  }

  async close(timeoutMs: number): Promise<void> {
    const running = this.#running;
    if (running !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([running, timeout]);
      clearTimeout(timer);
    }
    for (const batch of this.#inFlight === undefined ? this.#queue : [this.#inFlight, ...this.#queue])
      this.#drop(batch);
    this.#queue.length = 0;
    this.#queuedBytes = 0;
    this.#inFlight = undefined;
    this.#abort.abort();
    await this.#running;
  }
}

/** Retry-After as milliseconds (delta-seconds or an HTTP date), capped; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - now;
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_MS) : undefined;
}
