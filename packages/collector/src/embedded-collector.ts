import { createServer } from 'node:http';
import { Forwarder } from './forward/forwarder.js';
import { closeServer, listen, urlFor } from './listen.js';
import { createQueryApi } from './query/query-api.js';
import type { RunningGrpcReceiver } from './receive/grpc-receiver.js';
import { continueUnlessTooLarge, createOtlpReceiver, type ReceivedBatch } from './receive/otlp-receiver.js';
import { ReceiverStats } from './receive/receiver-stats.js';
import { TraceStore } from './store/trace-store.js';
import type { EmbeddedCollectorOptions, RunningEmbeddedCollector } from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Starts zips' embedded collector: an OTLP/HTTP traces receiver (and OTLP/gRPC when asked), a bounded in-memory
 * trace store, a query API compatible with the part of Jaeger api/v3 zips uses, and optional forwarding to other
 * OTLP endpoints.
 * @throws {PortInUseError} when a port is taken; nothing is left listening after any failure.
 */
export async function startEmbeddedCollector(
  options: EmbeddedCollectorOptions = {},
): Promise<RunningEmbeddedCollector> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const maxBodyBytes = bodyLimit(options.maxBodyBytes);
  const { maxTraces, maxSpansPerTrace, maxSpans } = options;
  const store = new TraceStore({ maxTraces, maxSpansPerTrace, maxSpans });
  const forward = options.forward ?? [];
  const forwarder = forward.length > 0 ? new Forwarder(forward, { log, env: options.env }) : undefined;
  const onBatch = forwarder === undefined ? undefined : (batch: ReceivedBatch) => forwarder.enqueue(batch);
  const stats = new ReceiverStats();
  const receiver = createOtlpReceiver({ store, maxBodyBytes, onBatch, stats, log });
  const otlpServer = createServer(receiver);
  otlpServer.on('checkContinue', continueUnlessTooLarge(receiver, maxBodyBytes));
  const extraStats = () => ({ receiver: stats.toJSON(), forward: forwarder?.stats() ?? [] });
  const queryServer = createServer(createQueryApi({ store, log, extraStats }));
  let grpc: RunningGrpcReceiver | undefined;
  const close = async () => {
    await Promise.all([closeServer(otlpServer), closeServer(queryServer), grpc?.close()]);
    await forwarder?.close();
  };
  try {
    const otlpPort = await listen(otlpServer, host, options.otlpHttpPort ?? 4318, 'OTLP/HTTP receiver');
    const queryPort = await listen(queryServer, host, options.queryPort ?? 16686, 'query API');
    const grpcPort = options.otlpGrpcPort;
    if (grpcPort !== undefined && grpcPort !== null) {
      // Loaded only when asked for, so the default start does not pay for grpc-js.
      const { startGrpcReceiver } = await import('./receive/grpc-receiver.js');
      grpc = await startGrpcReceiver({
        host,
        port: grpcPort,
        store,
        maxMessageBytes: maxBodyBytes,
        onBatch,
        stats,
        log,
      });
    }
    const running: RunningEmbeddedCollector = {
      otlpHttpUrl: urlFor(host, otlpPort),
      ...(grpc === undefined ? {} : { otlpGrpcUrl: grpc.url }),
      queryUrl: urlFor(host, queryPort),
      store,
      close,
    };
    const grpcNote = grpc === undefined ? '' : `, OTLP/gRPC on ${grpc.url}`;
    log(
      `embedded collector: OTLP/HTTP on ${running.otlpHttpUrl}${grpcNote}, query API on ${running.queryUrl}`,
    );
    return running;
  } catch (error) {
    await close();
    throw error;
  }
}

function bodyLimit(value: number | undefined): number {
  const limit = value ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`maxBodyBytes must be a positive integer, got ${limit}`);
  }
  return limit;
}
