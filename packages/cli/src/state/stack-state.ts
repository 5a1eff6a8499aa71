/**
 * What `zips up` records about the stack it started, read by every other command (status, lookup, traces, down).
 * Lives in `<project root>/.zips/state.json` (git-ignored). Implemented by the CLI's state module.
 */
export type RuntimeKind = 'docker' | 'native';

export interface StackUrls {
  /** The zips server, e.g. http://127.0.0.1:5000 */
  app: string;
  /** Trace UI for people, serving `/search` and `/trace/<id>` (Jaeger UI in Docker, zips' web trace view in native). */
  traceUi: string;
  /** Base URL of a Jaeger api/v3-compatible query API, e.g. http://127.0.0.1:16686 */
  traceQuery: string;
  /** OTLP/HTTP endpoint that accepts /v1/traces, e.g. http://127.0.0.1:4318 */
  otlpHttp: string;
}

export interface StackState {
  version: 1;
  runtime: RuntimeKind;
  startedAt: string;
  urls: StackUrls;
  /** Native runtime: pids of the processes zips started. */
  pids?: { server?: number; collector?: number; supervisor?: number };
  /** Docker runtime: compose project name and the compose file used. */
  compose?: { projectName: string; files: string[] };
  logDir?: string;
}

/** A telemetry target as zips records it: where spans go and which environment variables hold secrets (names only). */
export interface TargetSummary {
  name: 'jaeger' | 'lightstep' | 'otlp';
  endpoint?: string;
  /** Names of environment variables the target's secrets come from; values are never recorded. */
  secretEnv?: string[];
}

/** Optional details recorded by the CLI on top of the shared shape (older state files simply lack them). */
export interface StackStateDetails {
  /** Ports in use, so `status` and `doctor` can name them. */
  ports?: { app: number; otlpHttp: number; traceQuery: number };
  targets?: TargetSummary[];
  /** `starting` while `up` is still waiting for health; a crash leaves it so `down` can clean up. */
  phase?: 'starting' | 'running';
  /** Native runtime: the script each recorded pid runs, so a reused pid is never mistaken for ours. */
  commands?: { server?: string; collector?: string };
}

export type RecordedStackState = StackState & StackStateDetails;
