import type { handleUnaryCall, ServiceDefinition } from '@grpc/grpc-js';
import { urlFor } from '../listen.js';
import { OtlpDecodeError } from '../otlp/decode-error.js';
import { encodeExportResponse } from '../otlp/export-response.js';
import { PortInUseError } from '../port-in-use-error.js';
import type { TraceStore } from '../store/trace-store.js';
import { ingest } from './ingest.js';
import type { ReceivedBatch } from './otlp-receiver.js';
import type { ReceiverStats } from './receiver-stats.js';

export interface GrpcReceiverDeps {
  host: string;
  /** 0 picks a free port. */
  port: number;
  store: TraceStore;
  /** Largest accepted message; larger ones fail with RESOURCE_EXHAUSTED. */
  maxMessageBytes: number;
  onBatch?: (batch: ReceivedBatch) => void;
  stats?: ReceiverStats;
  log: (line: string) => void;
}

export interface RunningGrpcReceiver {
  url: string;
  close(): Promise<void>;
}

const EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const identity = (buffer: Buffer) => buffer;

/** `TraceService/Export` with identity serializers: messages stay raw protobuf bytes on both ends. */
export const rawTraceServiceDefinition = {
  Export: {
    path: EXPORT_PATH,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: identity,
    responseDeserialize: identity,
  },
} satisfies ServiceDefinition;

/**
 * The OTLP/gRPC traces receiver (`TraceService/Export`). Messages stay raw bytes (identity serializers) and go
 * through the same hand-written protobuf decoder as OTLP/HTTP; grpc-js handles framing and gzip. grpc-js is
 * imported here only, so it loads only when gRPC is switched on.
 */
export async function startGrpcReceiver(deps: GrpcReceiverDeps): Promise<RunningGrpcReceiver> {
  const grpc = await import('@grpc/grpc-js');
  const exportTraces: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    try {
      const result = ingest(deps.store, 'protobuf', call.request);
      deps.stats?.accepted();
      callback(null, encodeExportResponse('protobuf', result.rejected, result.rejection));
      if (result.stored > 0)
        deps.onBatch?.({ encoding: 'protobuf', body: call.request, spans: result.stored });
    } catch (error) {
      if (!(error instanceof OtlpDecodeError)) deps.log(`grpc receiver: internal error: ${String(error)}`);
      const invalid = error instanceof OtlpDecodeError;
      deps.stats?.failed(invalid ? 400 : 500, `gRPC: ${(error as Error).message}`);
      callback({
        code: invalid ? grpc.status.INVALID_ARGUMENT : grpc.status.INTERNAL,
        details: invalid
          ? `not a valid ExportTraceServiceRequest: ${error.message}`
          : 'internal error in the zips receiver',
      });
    }
  };
  const server = new grpc.Server({
    'grpc.max_receive_message_length': deps.maxMessageBytes,
  });
  server.addService(rawTraceServiceDefinition, { Export: exportTraces });
  const address = `${deps.host.includes(':') ? `[${deps.host}]` : deps.host}:${deps.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error === null) resolve(bound);
      else if (/EADDRINUSE|address already in use/i.test(error.message)) {
        reject(new PortInUseError(deps.host, deps.port, 'OTLP/gRPC receiver', error));
      } else reject(error);
    });
  });
  return {
    url: urlFor(deps.host, port),
    close: () =>
      new Promise<void>((resolve) => {
        // Give in-flight exports a moment, then cut them off: shutdown must not hang on a stuck client.
        const timer = setTimeout(() => server.forceShutdown(), 1_000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
