import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ReceivedBatch } from './otlp-receiver.js';

const gzipAsync = promisify(gzip);

/** Where received batches are re-exported, like an exporter of the OpenTelemetry Collector. */
export interface ForwardTarget {
  /** Shown in logs, e.g. `lightstep`. */
  name: string;
  /** OTLP/HTTP base URL (`/v1/traces` is appended unless present), e.g. `https://ingest.lightstep.com`. */
  endpoint: string;
  /** Header name → name of the environment variable holding its value, read once at start (for secrets). */
  headersFromEnv?: Record<string, string>;
  /** Literal headers (not for secrets). */
  headers?: Record<string, string>;
}

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

/** Resolves a target's export URL and headers; throws naming the missing environment variable (never a value). */
export function resolveTarget(target: ForwardTarget, env: NodeJS.ProcessEnv): { url: URL; headers: Headers } {
  let url: URL;
  try {
    url = new URL(target.endpoint);
  } catch {
    throw new Error(`forward target "${target.name}": endpoint "${target.endpoint}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`forward target "${target.name}": endpoint must be http(s), got ${url.protocol}`);
  }
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  const headers = new Headers(target.headers);
  for (const [header, variable] of Object.entries(target.headersFromEnv ?? {})) {
    const value = env[variable];
    if (value === undefined || value === '') {
      throw new Error(
        `forward target "${target.name}": environment variable ${variable} (for header ${header}) is not set; export it and start again`,
      );
    }
    headers.set(header, value);
  }
  return { url, headers };
}

/**
 * Fans received batches out to the targets asynchronously: a bounded queue and one request at a time per target,
 * so a slow or broken target never slows the receiver. Failures are logged when a target's state changes, not per
 * batch, and header values are never logged.
 */
export class Forwarder {
  readonly #targets: TargetQueue[];

  constructor(targets: readonly ForwardTarget[], options: ForwarderOptions) {
    const env = options.env ?? process.env;
    this.#targets = targets.map(
      (target) => new TargetQueue(target.name, resolveTarget(target, env), options),
    );
  }

  enqueue(batch: ReceivedBatch): void {
    for (const target of this.#targets) target.enqueue(batch);
  }

  stats(): ForwardTargetStats[] {
    return this.#targets.map((target) => target.stats());
  }

  /** Waits for queued batches to be sent, at most `timeoutMs`, then abandons the rest. */
  async close(timeoutMs = 2_000): Promise<void> {
    await Promise.all(this.#targets.map((target) => target.close(timeoutMs)));
  }
}

class TargetQueue {
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
    else this.#log(`forward ${this.#name}: export to ${this.#url} failing: ${problem}`);
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
