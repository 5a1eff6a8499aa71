/**
 * What `zips up` records about the stack it started, read by every other command (status, lookup, traces, down).
 * Lives in `<project root>/.zips/state.json` (git-ignored). Implemented by the CLI's state module.
 */
export type RuntimeKind = 'docker' | 'native';

export interface StackUrls {
  /** The zips server, e.g. http://127.0.0.1:5000 */
  app: string;
  /** Trace UI for people (Jaeger UI in Docker, the embedded query API in native). */
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
