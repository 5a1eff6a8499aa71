/** Public types of @zips/collector-config. */

/** Jaeger as a trace store: OTLP/gRPC to the `jaeger` service, TLS off inside the compose network. */
export interface JaegerTargetInput {
  /** `host:port` of Jaeger's OTLP/gRPC receiver. @default 'jaeger:4317' */
  endpoint?: string;
}

/** Lightstep (ServiceNow Cloud Observability) over OTLP/gRPC with the access token taken from the environment. */
export interface LightstepTargetInput {
  /** Name of the environment variable that holds the access token (never the token itself). @default 'LIGHTSTEP_ACCESS_TOKEN' */
  tokenEnv?: string;
  /** Which public ingest to use. @default 'us' */
  region?: 'us' | 'eu';
  /** Overrides the ingest `host:port` (for example a satellite). @default from `region` */
  endpoint?: string;
}

/** Any other OTLP vendor or collector. */
export interface OtlpTargetInput {
  /** Component name: the exporter id becomes `otlp_grpc/<name>` or `otlp_http/<name>`. */
  name: string;
  /** `host:port` for gRPC, `https://host[:port][/path]` for HTTP. */
  endpoint: string;
  /** @default 'grpc' */
  protocol?: 'grpc' | 'http';
  /** Header name → name of the environment variable holding its value. Values are never written to files. */
  headers?: Readonly<Record<string, string>>;
  /** Plaintext (no TLS). @default false */
  insecure?: boolean;
}

/** The `debug` exporter, which prints spans to the collector's log. */
export interface DebugTargetInput {
  /** @default 'detailed' */
  verbosity?: 'basic' | 'normal' | 'detailed';
}

/** Which trace destinations the collector fans out to. `true` enables a target with its defaults. */
export interface TargetsInput {
  jaeger?: boolean | JaegerTargetInput;
  lightstep?: boolean | LightstepTargetInput;
  otlp?: readonly OtlpTargetInput[];
  debug?: boolean | DebugTargetInput;
}

/** Where each exporter queues spans while its destination is away. */
export interface SendingQueueInput {
  /**
   * `disk`: a persistent queue in the file_storage extension, so queued spans survive a collector restart;
   * `memory`: the exporter's in-memory queue, lost on restart. @default 'disk'
   */
  storage?: 'disk' | 'memory';
  /** The file_storage directory (a volume in the Docker stack). @default '/var/lib/otelcol/file_storage' */
  directory?: string;
  /** Bound of each exporter's queue, in MiB of OTLP protobuf. @default 512 */
  sizeMib?: number;
}

export interface CollectorConfigInput {
  targets: TargetsInput;
  /** memory_limiter hard limit in MiB; the spike limit is a quarter of it. @default 256 */
  memoryLimitMib?: number;
  /** The exporters' sending queue. @default a 512 MiB queue on disk in /var/lib/otelcol/file_storage */
  sendingQueue?: SendingQueueInput;
}

/** One enabled target after defaults are applied. `id` is the exporter's component id. */
export type NormalizedTarget =
  | { kind: 'jaeger'; id: string; endpoint: string }
  | { kind: 'lightstep'; id: string; endpoint: string; tokenEnv: string; region: 'us' | 'eu' }
  | {
      kind: 'otlp';
      id: string;
      name: string;
      endpoint: string;
      protocol: 'grpc' | 'http';
      headers: Readonly<Record<string, string>>;
      insecure: boolean;
    }
  | { kind: 'debug'; id: string; verbosity: 'basic' | 'normal' | 'detailed' };

/** The validated, defaulted description the YAML is built from. */
export interface CollectorModel {
  /** Collector-contrib release the configuration targets. */
  collectorVersion: string;
  targets: readonly NormalizedTarget[];
  memoryLimitMib: number;
  sendingQueue: SendingQueueModel;
}

/** The exporters' sending queue after defaults: on disk in `directory`, or in memory. */
export interface SendingQueueModel {
  storage: 'disk' | 'memory';
  directory: string;
  sizeMib: number;
}

/** A problem found by `validate()`: where (dot path), what, and how to fix it. */
export interface ValidationIssue {
  /** Dot path into the input or the collector document, e.g. `targets.lightstep.tokenEnv`. */
  path: string;
  message: string;
  fix: string;
}

/** A Collector configuration document (the shape of the YAML file). */
export interface CollectorDocument {
  extensions?: Record<string, unknown>;
  receivers?: Record<string, unknown>;
  processors?: Record<string, unknown>;
  exporters?: Record<string, unknown>;
  connectors?: Record<string, unknown>;
  service?: {
    extensions?: string[];
    pipelines?: Record<string, { receivers?: string[]; processors?: string[]; exporters?: string[] }>;
    telemetry?: Record<string, unknown>;
  };
}
