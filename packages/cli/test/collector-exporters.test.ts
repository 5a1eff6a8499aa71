import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  type Attributes as ApiAttributes,
  context,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpHttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
// Type-only: the enum's values are the strings 'none' and 'gzip'.
import type { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { OtlpSpan } from '../src/otlp/span.js';
import { postTraces, startTestCollector } from './collector-support.js';

/** Every attribute type the OTel API allows, with edge values. */
const ATTRIBUTES: ApiAttributes = {
  'zips.string': 'brooklyn',
  'zips.empty': '',
  'zips.unicode': 'Zürich ✓ 東京',
  'zips.int': 11215,
  'zips.negative': -42,
  'zips.zero': 0,
  'zips.max_safe': Number.MAX_SAFE_INTEGER,
  'zips.double': 40.6623,
  'zips.negative_double': -73.9862,
  'zips.true': true,
  'zips.false': false,
  'zips.strings': ['a', 'b', ''],
  'zips.ints': [1, 2, 3],
  'zips.doubles': [1.5, -2.25],
  'zips.bools': [true, false],
};

const hrToNanos = ([s, ns]: [number, number]) => BigInt(s) * 1_000_000_000n + BigInt(ns);

/** Runs a small instrumented workload, exporting through `exporter`; returns what the SDK produced. */
async function produceSpans(exporter: SpanExporter): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'zips-test', 'deployment.environment.name': 'test' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory }), new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('zips-test-scope', '1.2.3');
  const linked = tracer.startSpan('linked');
  linked.end();
  const root = tracer.startSpan('GET /zips/:zip', { kind: SpanKind.SERVER, attributes: ATTRIBUTES });
  // Explicit parent context: no context manager is registered in this test.
  const child = tracer.startSpan(
    'lookup',
    { kind: SpanKind.CLIENT, links: [{ context: linked.spanContext(), attributes: { 'zips.link': 'yes' } }] },
    trace.setSpan(context.active(), root),
  );
  child.addEvent('cache miss', { 'zips.key': '11215', 'zips.attempt': 2 });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'not found' });
  child.end();
  root.setStatus({ code: SpanStatusCode.OK });
  root.end();
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

function assertRoundTrip(sdkSpan: ReadableSpan, stored: OtlpSpan): void {
  const context = sdkSpan.spanContext();
  assert.equal(stored.traceId, context.traceId);
  assert.equal(stored.spanId, context.spanId);
  assert.equal(stored.parentSpanId, sdkSpan.parentSpanContext?.spanId);
  assert.equal(stored.name, sdkSpan.name);
  // OTLP kinds are the API's plus one (0 is "unspecified" in OTLP).
  assert.equal(stored.kind, sdkSpan.kind + 1);
  assert.equal(stored.startTimeUnixNano, hrToNanos(sdkSpan.startTime));
  assert.equal(stored.endTimeUnixNano, hrToNanos(sdkSpan.endTime));
  assert.deepEqual(stored.attributes, sdkSpan.attributes);
  assert.deepEqual(stored.status, { code: sdkSpan.status.code, message: sdkSpan.status.message });
  assert.deepEqual(
    stored.events.map((e) => ({ name: e.name, time: e.timeUnixNano, attributes: e.attributes })),
    sdkSpan.events.map((e) => ({ name: e.name, time: hrToNanos(e.time), attributes: e.attributes ?? {} })),
  );
  assert.deepEqual(
    stored.links,
    sdkSpan.links.map((l) => ({
      traceId: l.context.traceId,
      spanId: l.context.spanId,
      attributes: l.attributes ?? {},
    })),
  );
  assert.equal(stored.resource.serviceName, 'zips-test');
  assert.deepEqual(stored.resource.attributes, sdkSpan.resource.attributes);
  assert.deepEqual(stored.scope, { name: 'zips-test-scope', version: '1.2.3' });
}

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
