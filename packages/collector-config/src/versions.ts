/**
 * The one OpenTelemetry Collector release the generated configuration targets. Component type names below are
 * the ones that release registers; older names (`otlp`, `otlphttp` exporters) are deprecated aliases since
 * v0.144.0 and log a warning on every start, so zips never emits them.
 */
export const COLLECTOR_CONTRIB_VERSION = '0.160.0';

/** Docker image of the pinned contrib distribution. */
export const COLLECTOR_CONTRIB_IMAGE = `otel/opentelemetry-collector-contrib:${COLLECTOR_CONTRIB_VERSION}`;

/** Where the contrib image reads its configuration by default. */
export const COLLECTOR_CONFIG_PATH_IN_IMAGE = '/etc/otelcol-contrib/config.yaml';

/** Component types of the pinned release that zips knows how to validate, per component kind. */
export const KNOWN_COMPONENT_TYPES = {
  receivers: ['otlp'],
  processors: ['memory_limiter', 'batch'],
  exporters: ['otlp_grpc', 'otlp_http', 'debug'],
  extensions: ['health_check', 'file_storage'],
  connectors: [],
} as const satisfies Record<string, readonly string[]>;

/** Deprecated aliases still accepted by the pinned release, and the name to use instead. */
export const DEPRECATED_COMPONENT_TYPES: Readonly<Record<string, string>> = {
  otlp: 'otlp_grpc',
  otlphttp: 'otlp_http',
  logging: 'debug',
};

/** Fixed container-side ports of the collector (the host side is chosen by the stack generator). */
export const COLLECTOR_PORTS = { otlpGrpc: 4317, otlpHttp: 4318, health: 13133 } as const;

/**
 * The exporters' persistent queue: the file_storage extension's own default directory on Linux (a named volume in
 * the Docker stack), and its component id.
 */
export const QUEUE_STORAGE = {
  id: 'file_storage/queue',
  directory: '/var/lib/otelcol/file_storage',
} as const;

/**
 * The user the collector images run as (the official contrib image's USER, and zips' local image of the same
 * layout): the owner the queue volume needs.
 */
export const COLLECTOR_IMAGE_USER = '10001:10001';

/** Lightstep (ServiceNow Cloud Observability) OTLP/gRPC ingest endpoints. */
export const LIGHTSTEP_ENDPOINTS = {
  us: 'ingest.lightstep.com:443',
  eu: 'ingest.eu.lightstep.com:443',
} as const;

export const DEFAULT_LIGHTSTEP_TOKEN_ENV = 'LIGHTSTEP_ACCESS_TOKEN';

/** The Jaeger service inside the compose network: OTLP/gRPC, plaintext. */
export const DEFAULT_JAEGER_ENDPOINT = 'jaeger:4317';
