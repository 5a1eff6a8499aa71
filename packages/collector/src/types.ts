import type { ForwardTarget } from './forward/forward-target.js';
import type { TraceStore } from './store/trace-store.js';

export type { ForwardTarget } from './forward/forward-target.js';

/** Options of {@link startEmbeddedCollector}. */
export interface EmbeddedCollectorOptions {
  /** Interface both servers bind. @default '127.0.0.1' */
  host?: string;
  /** OTLP/HTTP receiver port; 0 picks a free port. @default 4318 */
  otlpHttpPort?: number;
  /** OTLP/gRPC receiver port; null leaves gRPC off. @default null */
  otlpGrpcPort?: number | null;
  /** Query API port (Jaeger api/v3 subset); 0 picks a free port. @default 16686 */
  queryPort?: number;
  /** Traces kept in memory; the oldest is evicted beyond this. @default 10_000 */
  maxTraces?: number;
  /** Spans kept per trace. @default 1_000 */
  maxSpansPerTrace?: number;
  /** Spans kept in all; the oldest traces are evicted beyond this. @default 200_000 */
  maxSpans?: number;
  /** Largest accepted request body, compressed and decompressed; larger ones get 413. @default 16 MiB */
  maxBodyBytes?: number;
  /** Targets every received batch is re-exported to, asynchronously. @default [] */
  forward?: ForwardTarget[];
  /** Environment that forward targets' `headersFromEnv` are read from, once at start. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Diagnostic lines (never secrets). @default no logging */
  log?: (line: string) => void;
}

export interface RunningEmbeddedCollector {
  /** OTLP/HTTP base URL, e.g. `http://127.0.0.1:4318` (traces go to `${otlpHttpUrl}/v1/traces`). */
  otlpHttpUrl: string;
  /** OTLP/gRPC URL when enabled, e.g. `http://127.0.0.1:4317`. */
  otlpGrpcUrl?: string;
  /** Query API base URL, e.g. `http://127.0.0.1:16686` (`/api/v3/...`). */
  queryUrl: string;
  store: TraceStore;
  /** Stops listening, lets queued forwards finish (bounded), and resolves when both servers are closed. */
  close(): Promise<void>;
}
