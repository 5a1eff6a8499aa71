import type { TargetsInput } from '@zips/collector-config';

/** Host-side ports the stack publishes (container-side ports are fixed). */
export interface StackPorts {
  /** The zips server. @default 5000 */
  app: number;
  /** Collector OTLP/gRPC receiver. @default 4317 */
  otlpGrpc: number;
  /** Collector OTLP/HTTP receiver. @default 4318 */
  otlpHttp: number;
  /** Jaeger UI and query API. @default 16686 */
  jaegerUi: number;
  /** Collector health_check extension. @default 13133 */
  collectorHealth: number;
}

/** What the generated compose file, collector configuration and Tiltfile describe. */
export interface StackOptions {
  /** Where the collector sends traces. @default { jaeger: true } */
  targets: TargetsInput;
  ports: StackPorts;
  /**
   * Compose project name. Not written into the compose file (docker-compose v1.29 rejects a top-level
   * `name:`): the CLI passes it as `-p`, the Tiltfile as `project_name`. @default 'zips'
   */
  projectName: string;
  /** Host address published ports bind to; loopback keeps the dev stack off the network. @default '127.0.0.1' */
  bindAddress: string;
}

/** A file the generator produces; `path` is relative to the repository root, with `/` separators. */
export interface GeneratedFile {
  path: string;
  contents: string;
}

/** Where the generated files go. */
export interface StackLayout {
  /** Directory relative to the repository root: `.` for the committed defaults, `.zips/stack` for `zips up`. */
  outDir: string;
}

/** A generated file whose copy on disk differs from what the generator produces now. */
export interface Drift {
  path: string;
  problem: 'missing' | 'changed';
  /** First differing line (1-based) when the file exists. */
  line?: number;
  /** The command that regenerates the file. */
  fix: string;
}

export const DEFAULT_PORTS: Readonly<StackPorts> = {
  app: 5000,
  otlpGrpc: 4317,
  otlpHttp: 4318,
  jaegerUi: 16686,
  collectorHealth: 13133,
};

/** The committed defaults: Jaeger as the only target, standard ports, project `zips`. */
export function defaultStackOptions(): StackOptions {
  return {
    targets: { jaeger: true },
    ports: { ...DEFAULT_PORTS },
    projectName: 'zips',
    bindAddress: '127.0.0.1',
  };
}
