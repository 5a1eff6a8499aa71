import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpHttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
// Type-only: the enum's values are the strings 'none' and 'gzip'.
import type { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { assertRoundTrip, produceSpans } from './support/sdk-spans.js';
import { postTraces, startTestCollector } from './support/test-collector.js';

const GZIP = 'gzip' as CompressionAlgorithm;

const exporters = [
  { protocol: 'http/json', create: (url: string) => new OtlpHttpJsonExporter({ url }) },
  { protocol: 'http/protobuf', create: (url: string) => new OtlpHttpProtoExporter({ url }) },
  {
    protocol: 'http/json, gzip',
    create: (url: string) => new OtlpHttpJsonExporter({ url, compression: GZIP }),
  },
  {
    protocol: 'http/protobuf, gzip',
    create: (url: string) => new OtlpHttpProtoExporter({ url, compression: GZIP }),
  },
];

describe('the receiver with the real OTel JS exporters', () => {
  for (const { protocol, create } of exporters) {
    test(`${protocol}: every span, attribute, event, link and status round-trips`, async () => {
      await using collector = await startTestCollector();
      const sdkSpans = await produceSpans(create(`${collector.otlpHttpUrl}/v1/traces`));
      assert.equal(sdkSpans.length, 3);
      for (const sdkSpan of sdkSpans) {
        const trace = collector.store.getTrace(sdkSpan.spanContext().traceId);
        const stored = trace?.find((s) => s.spanId === sdkSpan.spanContext().spanId);
        assert.ok(stored, `span ${sdkSpan.name} reached the store`);
        assertRoundTrip(sdkSpan, stored);
      }
      assert.deepEqual(collector.store.stats(), {
        traces: 2,
        spans: 3,
        droppedTraces: 0,
        droppedSpans: 0,
        receivedSpans: 3,
      });
    });
  }

  test('protobuf bytes from ProtobufTraceSerializer, gzipped by hand, are stored', async () => {
    await using collector = await startTestCollector();
    const sdkSpans = await produceSpans(new InMemorySpanExporter());
    const bytes = ProtobufTraceSerializer.serializeRequest(sdkSpans);
    assert.ok(bytes);
    const result = await postTraces(collector, gzipSync(bytes), {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
    });
    assert.equal(result.status, 200);
    assert.equal(result.contentType, 'application/x-protobuf');
    // An empty ExportTraceServiceResponse: no partial_success.
    assert.equal(result.body.length, 0);
    assert.equal(collector.store.stats().spans, 3);
    for (const sdkSpan of sdkSpans) {
      const stored = collector.store
        .getTrace(sdkSpan.spanContext().traceId)
        ?.find((s) => s.name === sdkSpan.name);
      assert.ok(stored);
      assertRoundTrip(sdkSpan, stored);
    }
  });
});
