import { createServer, type Server } from 'node:http';
import { Forwarder } from './forwarder.js';
import { closeServer, listen, urlFor } from './listen.js';
import { createOtlpReceiver, type ReceivedBatch } from './otlp-receiver.js';
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
  const { maxTraces, maxSpansPerTrace, maxSpans } = options;
  const store = new TraceStore({ maxTraces, maxSpansPerTrace, maxSpans });
  const forward = options.forward ?? [];
  const forwarder = forward.length > 0 ? new Forwarder(forward, { log, env: options.env }) : undefined;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const onBatch = forwarder === undefined ? undefined : (batch: ReceivedBatch) => forwarder.enqueue(batch);
  const receiver = createOtlpReceiver({ store, maxBodyBytes, onBatch, log });
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
      const { startGrpcReceiver } = await import('./grpc-receiver.js');
      const grpc = await startGrpcReceiver({
        host,
        port: options.otlpGrpcPort,
        store,
        maxMessageBytes: maxBodyBytes,
        onBatch,
        log,
      });
      running.otlpGrpcUrl = grpc.url;
      running.close = async () => {
        await grpc.close();
        await closeAll();
      };
    }
    const grpcNote = running.otlpGrpcUrl === undefined ? '' : `, OTLP/gRPC on ${running.otlpGrpcUrl}`;
    log(
      `embedded collector: OTLP/HTTP on ${running.otlpHttpUrl}${grpcNote}, query API on ${running.queryUrl}`,
    );
    return running;
  } catch (error) {
    await closeAll();
    throw error;
  }
}
