/** Options of the commands `cli.ts` declares, as commander hands them over (types only: free at run time). */
import type { RuntimeChoice } from '../runtime/runtime-choice.js';

export interface UpOptions {
  /** @default 'auto' (ZIPS_RUNTIME overrides the default) */
  runtime: RuntimeChoice;
  /** Stay in the foreground streaming logs; Ctrl-C stops everything. @default false */
  attach: boolean;
  /** Send traces to Jaeger (the trace store). @default true */
  jaeger: boolean;
  /** Also send traces to Lightstep; the token comes from LIGHTSTEP_ACCESS_TOKEN. @default false */
  lightstep: boolean;
  /** Also send traces to this OTLP/HTTP endpoint. */
  otlpEndpoint?: string;
  /** Headers for `otlpEndpoint`, each `name=VAR`: the value is read from environment variable VAR. @default [] */
  otlpHeader: string[];
  /** App port; 0 picks a free one. @default 5000 */
  port: number;
  /** OTLP/HTTP receiver port; 0 picks a free one. @default 4318 */
  otlpPort: number;
  /** Trace UI / query API port; 0 picks a free one. @default 16686 */
  uiPort: number;
  /** Seconds to wait for health. @default 60 */
  timeout: number;
  /** Docker runtime: only these compose services (e.g. `zips` when collector/Jaeger images cannot be pulled). */
  services?: string[];
  /** Native runtime: traces kept by the embedded store. @default 10000 */
  maxTraces?: number;
  /** Print the started stack as JSON on stdout. @default false */
  json: boolean;
}

export interface DownOptions {
  /** Also remove volumes (Docker) and log files (native). @default false */
  volumes: boolean;
}

export interface StatusOptions {
  /** @default false */
  json: boolean;
}

export interface LogsOptions {
  /** Keep streaming new lines. @default false */
  follow: boolean;
  /** Lines of history per service. @default 100 */
  lines: number;
}

export interface LookupOptions {
  /** @default false */
  json: boolean;
  /** Any zips server; default: the running stack's app URL. */
  url?: string;
  /** Create and export the client span. @default true */
  trace: boolean;
}

export interface DoctorOptions {
  /** @default false */
  json: boolean;
  /** Send a canary span through the running pipeline. @default true */
  canary: boolean;
}

/** `zips traces` options: the command's own type, so the two cannot drift. */
export type { TracesOptions as TracesCliOptions } from '../traces/traces-options.js';
/** `zips config` options: the command's own type, so the two cannot drift. */
export type { ConfigOptions as ConfigCliOptions } from './config.js';
