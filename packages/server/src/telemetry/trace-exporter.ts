import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import type { SpanExporter } from '@opentelemetry/sdk-trace';

/**
 * Export timeout used unless `OTEL_EXPORTER_OTLP_(TRACES_)TIMEOUT` says otherwise. It bounds both how long a
 * batch keeps retrying and how long SIGTERM waits on an unreachable collector: the SDK's 10 s would meet
 * Docker's 10 s stop timeout head-on. While a batch retries, the batch processor exports nothing else and
 * drops new spans once its queue is full, so a longer timeout also loses more spans after a collector comes
 * back (measured with a 3 s outage under load: 3 s lost about 400 spans outside the outage, 5 s about 1,500).
 */
export const DEFAULT_EXPORT_TIMEOUT_MS = 3000;

/**
 * The OTLP/HTTP trace exporter that `OTEL_EXPORTER_OTLP_(TRACES_)PROTOCOL` asks for (http/protobuf by
 * default, or http/json), with zips' default timeout. Endpoint, headers and compression are still read by
 * the exporter from the standard variables. Returns undefined for anything else (another
 * `OTEL_TRACES_EXPORTER`, or grpc), which the SDK then sets up from the environment itself.
 */
export function createTraceExporter(env: NodeJS.ProcessEnv): SpanExporter | undefined {
  const exporters = (env.OTEL_TRACES_EXPORTER || 'otlp').split(',').map((name) => name.trim());
  if (exporters.length !== 1 || exporters[0] !== 'otlp') return undefined;
  const protocol = (
    env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ||
    env.OTEL_EXPORTER_OTLP_PROTOCOL ||
    'http/protobuf'
  ).trim();
  const timeoutFromEnv = env.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT || env.OTEL_EXPORTER_OTLP_TIMEOUT;
  const config = timeoutFromEnv ? {} : { timeoutMillis: DEFAULT_EXPORT_TIMEOUT_MS };
  if (protocol === 'http/protobuf') return new OtlpProtobufExporter(config);
  if (protocol === 'http/json') return new OtlpJsonExporter(config);
  return undefined;
}
