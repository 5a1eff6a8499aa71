import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OtlpSpan } from '../src/otlp/span.js';
import { TraceStore } from '../src/store/trace-store.js';

const traceId = (n: number) => n.toString(16).padStart(32, '0');
const spanId = (n: number) => n.toString(16).padStart(16, '0');

function span(trace: number, id: number, fields: Partial<OtlpSpan> & { service?: string } = {}): OtlpSpan {
  const { service = 'zips', ...rest } = fields;
  return {
    traceId: traceId(trace),
    spanId: spanId(id),
    parentSpanId: undefined,
    traceState: undefined,
    name: 'GET /zips/:zip',
    kind: 2,
    startTimeUnixNano: 1_000_000_000n,
    endTimeUnixNano: 1_005_000_000n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: undefined },
    resource: { serviceName: service, attributes: { 'service.name': service } },
    scope: { name: 'test', version: undefined },
    ...rest,
  };
}

describe('TraceStore', () => {
  test('a ring buffer: the oldest trace is evicted, and every drop is counted', () => {
    const store = new TraceStore({ maxTraces: 3 });
    for (let t = 1; t <= 5; t++) store.add([span(t, t * 10), span(t, t * 10 + 1)]);
    assert.equal(store.getTrace(traceId(1)), undefined);
    assert.equal(store.getTrace(traceId(2)), undefined);
    assert.equal(store.getTrace(traceId(3))?.length, 2);
    assert.equal(store.getTrace(traceId(5))?.length, 2);
    assert.deepEqual(store.stats(), {
      traces: 3,
      spans: 6,
      droppedTraces: 2,
      droppedSpans: 4,
      receivedSpans: 10,
    });
  });

  test('late spans join their trace without refreshing its age', () => {
    const store = new TraceStore({ maxTraces: 2 });
    store.add([span(1, 1)]);
    store.add([span(2, 2)]);
    store.add([span(1, 3)]);
    store.add([span(3, 4)]);
    assert.equal(store.getTrace(traceId(1)), undefined);
    assert.deepEqual(
      store.getTrace(traceId(2))?.map((s) => s.spanId),
      [spanId(2)],
    );
  });

  test('spans beyond maxSpansPerTrace are refused and counted', () => {
    const store = new TraceStore({ maxSpansPerTrace: 2 });
    const result = store.add([span(1, 1), span(1, 2), span(1, 3), span(2, 4)]);
    assert.deepEqual(result, { accepted: 3, refused: 1 });
    assert.equal(store.getTrace(traceId(1))?.length, 2);
    assert.deepEqual(store.stats(), {
      traces: 2,
      spans: 3,
      droppedTraces: 0,
      droppedSpans: 1,
      receivedSpans: 4,
    });
  });

  test('maxSpans bounds the total: older whole traces go, never the trace being added to', () => {
    const store = new TraceStore({ maxSpans: 4, maxSpansPerTrace: 3 });
    store.add([span(1, 1), span(1, 2)]);
    store.add([span(2, 3), span(2, 4)]);
    store.add([span(2, 5)]);
    assert.equal(store.getTrace(traceId(1)), undefined);
    assert.equal(store.getTrace(traceId(2))?.length, 3);
    store.add([span(2, 6)]);
    assert.equal(store.getTrace(traceId(2))?.length, 3);
    assert.deepEqual(store.stats(), {
      traces: 1,
      spans: 3,
      droppedTraces: 1,
      droppedSpans: 3,
      receivedSpans: 6,
    });
    assert.equal(new TraceStore({ maxSpans: 2, maxSpansPerTrace: 10 }).maxSpansPerTrace, 2);
  });

  test('services and operations follow evictions', () => {
    const store = new TraceStore({ maxTraces: 1 });
    store.add([span(1, 1, { service: 'cli', kind: 3, name: 'lookup' }), span(1, 2)]);
    assert.deepEqual(store.services(), ['cli', 'zips']);
    assert.deepEqual(store.operations('cli'), [{ name: 'lookup', spanKind: 'client' }]);
    store.add([span(2, 3)]);
    assert.deepEqual(store.services(), ['zips']);
    assert.deepEqual(store.operations('cli'), []);
    assert.deepEqual(store.operations(undefined, 'server'), [{ name: 'GET /zips/:zip', spanKind: 'server' }]);
  });

  test('getTrace is case-insensitive and returns a copy', () => {
    const store = new TraceStore();
    store.add([span(0xabc, 1)]);
    const trace = store.getTrace(traceId(0xabc).toUpperCase());
    assert.equal(trace?.length, 1);
    trace?.pop();
    assert.equal(store.getTrace(traceId(0xabc))?.length, 1);
  });

  test('findTraces: newest first, filters on one span matching every field, limit', () => {
    const store = new TraceStore();
    store.add([span(1, 1, { service: 'cli', name: 'lookup', startTimeUnixNano: 10n, endTimeUnixNano: 20n })]);
    store.add([
      span(2, 2, { startTimeUnixNano: 100n, endTimeUnixNano: 1100n }),
      span(2, 3, { service: 'cli' }),
    ]);
    store.add([span(3, 3, { startTimeUnixNano: 200n, endTimeUnixNano: 250n })]);
    const ids = (traces: OtlpSpan[][]) => traces.map((t) => t[0]?.traceId);
    assert.deepEqual(ids(store.findTraces()), [traceId(3), traceId(2), traceId(1)]);
    assert.deepEqual(ids(store.findTraces({ limit: 2 })), [traceId(3), traceId(2)]);
    assert.deepEqual(ids(store.findTraces({ service: 'cli' })), [traceId(2), traceId(1)]);
    assert.deepEqual(ids(store.findTraces({ service: 'cli', operation: 'lookup' })), [traceId(1)]);
    assert.deepEqual(ids(store.findTraces({ durationMin: 100n })), [traceId(2)]);
    assert.deepEqual(ids(store.findTraces({ durationMax: 50n })), [traceId(3), traceId(1)]);
    assert.deepEqual(ids(store.findTraces({ startMin: 100n, startMax: 200n })), [traceId(3), traceId(2)]);
    assert.deepEqual(store.findTraces({ service: 'nobody' }), []);
  });

  test('rejects a non-positive size', () => {
    assert.throws(() => new TraceStore({ maxTraces: 0 }), /maxTraces must be a positive integer/);
  });
});
