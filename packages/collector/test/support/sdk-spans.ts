import assert from 'node:assert/strict';
import {
  type Attributes as ApiAttributes,
  context,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { OtlpSpan } from '../../src/otlp/span.js';

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
export async function produceSpans(exporter: SpanExporter): Promise<ReadableSpan[]> {
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

export function assertRoundTrip(sdkSpan: ReadableSpan, stored: OtlpSpan): void {
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
