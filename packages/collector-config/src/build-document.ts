import type { CollectorDocument, CollectorModel, NormalizedTarget } from './types.js';
import { COLLECTOR_PORTS } from './versions.js';

/**
 * Builds the Collector configuration document: OTLP in on all interfaces (since v0.104 the receiver defaults
 * to localhost, which other containers cannot reach), memory_limiter first, one traces pipeline fanning out
 * to every enabled target. Batching happens in each exporter's sending queue, as the pinned release
 * recommends instead of the batch processor.
 */
export function buildDocument(model: CollectorModel): CollectorDocument {
  return {
    extensions: {
      health_check: { endpoint: `0.0.0.0:${COLLECTOR_PORTS.health}` },
    },
    receivers: {
      otlp: {
        protocols: {
          grpc: { endpoint: `0.0.0.0:${COLLECTOR_PORTS.otlpGrpc}` },
          http: { endpoint: `0.0.0.0:${COLLECTOR_PORTS.otlpHttp}` },
        },
      },
    },
    processors: {
      memory_limiter: {
        check_interval: '1s',
        limit_mib: model.memoryLimitMib,
        spike_limit_mib: Math.floor(model.memoryLimitMib / 4),
      },
    },
    exporters: Object.fromEntries(model.targets.map((target) => [target.id, exporterConfig(target)])),
    service: {
      extensions: ['health_check'],
      pipelines: {
        traces: {
          receivers: ['otlp'],
          processors: ['memory_limiter'],
          exporters: model.targets.map((target) => target.id),
        },
      },
    },
  };
}

/** Queueing with exporter-side batching and retries: spans survive a short outage of the destination. */
const RESILIENCE = {
  sending_queue: { batch: { flush_timeout: '200ms' } },
  retry_on_failure: { enabled: true },
};

function exporterConfig(target: NormalizedTarget): Record<string, unknown> {
  switch (target.kind) {
    case 'jaeger':
      return { endpoint: target.endpoint, tls: { insecure: true }, ...RESILIENCE };
    case 'lightstep':
      return {
        endpoint: target.endpoint,
        headers: { 'lightstep-access-token': envReference(target.tokenEnv) },
        ...RESILIENCE,
      };
    case 'otlp':
      return {
        endpoint: target.endpoint,
        ...(Object.keys(target.headers).length > 0
          ? { headers: mapValues(target.headers, envReference) }
          : {}),
        ...(target.insecure ? { tls: { insecure: true } } : {}),
        ...RESILIENCE,
      };
    case 'debug':
      return { verbosity: target.verbosity };
  }
}

/** The collector expands `${env:VAR}` at start-up, so secrets stay in the environment, never in the file. */
function envReference(name: string): string {
  return `\${env:${name}}`;
}

function mapValues(
  record: Readonly<Record<string, string>>,
  fn: (value: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]));
}
