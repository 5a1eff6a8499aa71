import type { CollectorDocument, CollectorModel, NormalizedTarget, SendingQueueModel } from './types.js';
import { COLLECTOR_PORTS, QUEUE_STORAGE } from './versions.js';

/**
 * Builds the Collector configuration document: OTLP in on all interfaces (since v0.104 the receiver defaults
 * to localhost, which other containers cannot reach), memory_limiter first, one traces pipeline fanning out
 * to every enabled target. Batching happens in each exporter's sending queue, as the pinned release
 * recommends instead of the batch processor. By default that queue is on disk (the file_storage extension), so
 * spans queued while a destination is away survive a restart of the collector.
 */
export function buildDocument(model: CollectorModel): CollectorDocument {
  const onDisk = model.sendingQueue.storage === 'disk';
  return {
    extensions: {
      health_check: { endpoint: `0.0.0.0:${COLLECTOR_PORTS.health}` },
      ...(onDisk ? { [QUEUE_STORAGE.id]: fileStorage(model.sendingQueue.directory) } : {}),
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
    exporters: Object.fromEntries(
      model.targets.map((target) => [target.id, exporterConfig(target, resilience(model.sendingQueue))]),
    ),
    service: {
      extensions: ['health_check', ...(onDisk ? [QUEUE_STORAGE.id] : [])],
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

const MIB = 1024 * 1024;

/**
 * The file_storage extension for the queue. It creates its directory when missing (in the Docker stack the directory
 * is a volume, already there) and compacts the database on start and after a backlog drains, so disk space comes back.
 */
function fileStorage(directory: string): Record<string, unknown> {
  return {
    directory,
    create_directory: true,
    compaction: { directory, on_start: true, on_rebound: true },
  };
}

/**
 * Queueing with exporter-side batching and retries. The queue is bounded in bytes (what a span costs varies) and
 * batches by span count; retries back off to at most 5 s, so delivery resumes within seconds of the destination
 * coming back, and give up only after 10 minutes, twice the five minutes the queue is sized for.
 */
function resilience(queue: SendingQueueModel): Record<string, unknown> {
  return {
    // A backend catching up after an outage may take more than the default 5 s for a batch; a retry after a timeout
    // sends the same batch again and only adds to its load.
    timeout: '30s',
    sending_queue: {
      ...(queue.storage === 'disk' ? { storage: QUEUE_STORAGE.id } : {}),
      sizer: 'bytes',
      queue_size: queue.sizeMib * MIB,
      batch: { flush_timeout: '200ms', sizer: 'items', min_size: 8192 },
    },
    retry_on_failure: {
      enabled: true,
      initial_interval: '1s',
      max_interval: '5s',
      max_elapsed_time: '10m',
    },
  };
}

function exporterConfig(
  target: NormalizedTarget,
  queueing: Record<string, unknown>,
): Record<string, unknown> {
  switch (target.kind) {
    case 'jaeger':
      return { endpoint: target.endpoint, tls: { insecure: true }, ...queueing };
    case 'lightstep':
      return {
        endpoint: target.endpoint,
        headers: { 'lightstep-access-token': envReference(target.tokenEnv) },
        ...queueing,
      };
    case 'otlp':
      return {
        endpoint: target.endpoint,
        ...(Object.keys(target.headers).length > 0
          ? { headers: mapValues(target.headers, envReference) }
          : {}),
        ...(target.insecure ? { tls: { insecure: true } } : {}),
        ...queueing,
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
