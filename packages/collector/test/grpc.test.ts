import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { credentials, Metadata, makeGenericClientConstructor, status } from '@grpc/grpc-js';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import type { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { rawTraceServiceDefinition } from '../src/receive/grpc-receiver.js';
import { assertRoundTrip, produceSpans } from './support/sdk-spans.js';
import { getJson, startTestCollector } from './support/test-collector.js';

/** A raw gRPC client for TraceService/Export sending bytes as they are. */
function rawExport(
  url: string,
  body: Buffer,
): Promise<{ error: { code: number; details: string } | null; response?: Buffer }> {
  const { Export } = rawTraceServiceDefinition;
  const Client = makeGenericClientConstructor(rawTraceServiceDefinition, 'TraceService');
  const client = new Client(new URL(url).host, credentials.createInsecure());
  return new Promise((resolve) => {
    const deadline = new Date(Date.now() + 10_000);
    client.makeUnaryRequest(
      Export.path,
      Export.requestSerialize,
      Export.responseDeserialize,
      body,
      new Metadata(),
      { deadline },
      (error, response) => {
        client.close();
        resolve({ error: error === null ? null : { code: error.code, details: error.details }, response });
      },
    );
  });
}

describe('OTLP/gRPC receiver', () => {
  for (const compression of ['none', 'gzip']) {
    test(`the real OTel JS gRPC exporter (compression ${compression}): every span round-trips`, async () => {
      await using collector = await startTestCollector({ otlpGrpcPort: 0 });
      assert.match(collector.otlpGrpcUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
      const exporter = new OtlpGrpcExporter({
        url: collector.otlpGrpcUrl,
        compression: compression as CompressionAlgorithm,
      });
      const sdkSpans = await produceSpans(exporter);
      for (const sdkSpan of sdkSpans) {
        const stored = collector.store
          .getTrace(sdkSpan.spanContext().traceId)
          ?.find((s) => s.name === sdkSpan.name);
        assert.ok(stored, `span ${sdkSpan.name} reached the store`);
        assertRoundTrip(sdkSpan, stored);
      }
      assert.equal(collector.store.stats().spans, 3);
    });
  }

  test('undecodable bytes → INVALID_ARGUMENT with the decoder message; over the size limit → RESOURCE_EXHAUSTED', async () => {
    await using collector = await startTestCollector({ otlpGrpcPort: 0, maxBodyBytes: 1024 });
    const url = collector.otlpGrpcUrl ?? '';
    const truncated = await rawExport(url, Buffer.from([0x0a, 0x05, 0x01]));
    assert.equal(truncated.error?.code, status.INVALID_ARGUMENT);
    assert.match(truncated.error?.details ?? '', /truncated/);
    const big = await rawExport(url, Buffer.alloc(4096));
    assert.equal(big.error?.code, status.RESOURCE_EXHAUSTED);
    const empty = await rawExport(url, Buffer.alloc(0));
    assert.equal(empty.error, null);
    assert.equal(empty.response?.length, 0);
    // The undecodable request is counted; the oversized one never reaches the handler (grpc-js refuses it).
    const stats = await getJson(collector, '/api/zips/stats');
    const receiver = (stats.body as { receiver: { acceptedRequests: number; failedRequests: number } })
      .receiver;
    assert.deepEqual([receiver.acceptedRequests, receiver.failedRequests], [1, 1]);
  });

  test('a busy gRPC port is named in the error', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await assert.rejects(
        startTestCollector({ otlpGrpcPort: port }),
        new RegExp(`port ${port} \\(OTLP/gRPC receiver\\)`),
      );
    } finally {
      blocker.close();
    }
  });
});
