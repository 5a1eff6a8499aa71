import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ReceivedBatch } from '../receive/otlp-receiver.js';

const gzipAsync = promisify(gzip);

export interface ForwarderOptions {
  log: (line: string) => void;
  /** Batches waiting per target; the oldest is dropped beyond this. @default 256 */
  maxQueue?: number;
  /** Timeout of one export request. @default 10_000 */
  timeoutMs?: number;
  /** Where `headersFromEnv` values are read. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface ForwardTargetStats {
  name: string;
  url: string;
  sentBatches: number;
  failedBatches: number;
  droppedBatches: number;
  queued: number;
  state: 'ok' | 'failing';
}

/**
 * One target's queue: bounded (the oldest batch is dropped when full), drained one request at a time. Logs only
 * when the target's state changes (ok ↔ failing), and never a header value.
 */
export class TargetQueue {
  readonly #name: string;
  readonly #url: URL;
  readonly #headers: Headers;
  readonly #log: (line: string) => void;
  readonly #maxQueue: number;
  readonly #timeoutMs: number;
  readonly #queue: ReceivedBatch[] = [];
  readonly #abort = new AbortController();
  #running: Promise<void> | undefined;
  #state: 'ok' | 'failing' = 'ok';
  #sent = 0;
  #failed = 0;
  #dropped = 0;

  constructor(name: string, resolved: { url: URL; headers: Headers }, options: ForwarderOptions) {
    this.#name = name;
    this.#url = resolved.url;
    this.#headers = resolved.headers;
    this.#log = options.log;
    this.#maxQueue = options.maxQueue ?? 256;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  enqueue(batch: ReceivedBatch): void {
    if (this.#abort.signal.aborted) return;
    if (this.#queue.length >= this.#maxQueue) {
      this.#queue.shift();
      this.#dropped++;
    }
    this.#queue.push(batch);
    this.#running ??= this.#drain().finally(() => {
      this.#running = undefined;
    });
  }

  async #drain(): Promise<void> {
    for (let batch = this.#queue.shift(); batch !== undefined; batch = this.#queue.shift()) {
      const problem = await this.#send(batch);
      if (problem === undefined) this.#sent++;
      else this.#failed++;
      this.#setState(problem);
    }
  }

  /** Sends one batch; returns a description of the failure, or undefined on success. */
  async #send(batch: ReceivedBatch): Promise<string | undefined> {
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
      if (response.ok) return undefined;
      return `HTTP ${response.status} ${text.slice(0, 200)}`.trim();
    } catch (error) {
      const cause = (error as Error & { cause?: Error }).cause;
      return `${(error as Error).message}${cause === undefined ? '' : ` (${cause.message})`}`;
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
    return {
      name: this.#name,
      url: this.#url.toString(),
      sentBatches: this.#sent,
      failedBatches: this.#failed,
      droppedBatches: this.#dropped,
      queued: this.#queue.length,
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
    this.#dropped += this.#queue.length;
    this.#queue.length = 0;
    this.#abort.abort();
    await this.#running;
  }
}
