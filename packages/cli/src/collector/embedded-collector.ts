import { createServer, type Server } from 'node:http';
import { Forwarder } from './forwarder.js';
import { closeServer, listen, urlFor } from './listen.js';
import { createOtlpReceiver } from './otlp-receiver.js';
import { createQueryApi } from './query-api.js';
import { TraceStore } from './trace-store.js';
import type { EmbeddedCollectorOptions, RunningEmbeddedCollector } from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Starts zips' embedded collector: an OTLP/HTTP traces receiver, a bounded in-memory trace store, a query API
 * compatible with the part of Jaeger api/v3 zips uses, and optional forwarding to other OTLP endpoints.
 * @throws {PortInUseError} when a port is taken (nothing is left listening).
 */
export async function startEmbeddedCollector(
  options: EmbeddedCollectorOptions = {},
): Promise<RunningEmbeddedCollector> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const store = new TraceStore({ maxTraces: options.maxTraces, maxSpansPerTrace: options.maxSpansPerTrace });
  const forward = options.forward ?? [];
  const forwarder = forward.length > 0 ? new Forwarder(forward, { log, env: options.env }) : undefined;
  const receiver = createOtlpReceiver({
    store,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    onBatch: forwarder === undefined ? undefined : (batch) => forwarder.enqueue(batch),
    log,
  });
  const queryApi = createQueryApi({ store, log, extraStats: () => ({ forward: forwarder?.stats() ?? [] }) });
  const otlpServer = createServer(receiver);
  const queryServer = createServer(queryApi);
  const servers: Server[] = [otlpServer, queryServer];
  const closeAll = async () => {
    await Promise.all(servers.map(closeServer));
    await forwarder?.close();
  };
  try {
    const otlpPort = await listen(otlpServer, host, options.otlpHttpPort ?? 4318, 'OTLP/HTTP receiver');
    const queryPort = await listen(queryServer, host, options.queryPort ?? 16686, 'query API');
    const running: RunningEmbeddedCollector = {
      otlpHttpUrl: urlFor(host, otlpPort),
      queryUrl: urlFor(host, queryPort),
      store,
      close: closeAll,
    };
    if (options.otlpGrpcPort !== undefined && options.otlpGrpcPort !== null) {
      throw new Error('OTLP/gRPC is not supported by the embedded collector yet; use OTLP/HTTP (port 4318)');
    }
    log(`embedded collector: OTLP/HTTP on ${running.otlpHttpUrl}, query API on ${running.queryUrl}`);
    return running;
  } catch (error) {
    await closeAll();
    throw error;
  }
}
