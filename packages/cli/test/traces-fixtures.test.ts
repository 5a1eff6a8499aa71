import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OtlpSpan } from '@zips/collector';
import { decodeTracesJson } from '@zips/collector';
import { buildWaterfall, summarizeTrace, TraceAssembler } from '@zips/collector/view';
import { formatWaterfallText } from '../src/traces/text/format-waterfall-text.js';
import { spansFromJaegerV1 } from './support/jaeger-v1-spans.js';
import { fixtureJson, fixturesMissing } from './support/paths.js';

const skip = fixturesMissing;

/** Assembles spans arriving in one batch and settles them. */
function assemble(spans: OtlpSpan[]) {
  const assembler = new TraceAssembler({ settleMs: 1000, rootlessSettleMs: 10_000 });
  assembler.add(spans, 0);
  assembler.settle(60_000);
  return [...assembler.traces()];
}

describe('traces on the upstream fixtures', { skip }, () => {
  it('jaeger/GetTrace.json: the api/v3 envelope decodes to one error span that is its own root', () => {
    const spans = decodeTracesJson(fixtureJson('jaeger/GetTrace.json'));
    const [trace] = assemble(spans);
    assert.ok(trace);
    const summary = summarizeTrace(trace);
    assert.equal(summary.traceId, '00000000000000000000000000000001');
    assert.equal(summary.root, 'foobar');
    assert.equal(summary.error, true);
    assert.equal(summary.missingRoot, false);
    assert.equal(summary.spanCount, 1);
    assert.deepEqual(summary.services, ['unknown_service']);
    assert.equal(summary.complete, true);
  });

  it('jaeger/otlp2jaeger-in.json and otlp2jaeger-out.json: the same trace read from OTLP and from v1 JSON', () => {
    const fromOtlp = assemble(decodeTracesJson(fixtureJson('jaeger/otlp2jaeger-in.json')));
    // The v1 output lists the same span twice: the assembler keeps one.
    const fromV1 = assemble(spansFromJaegerV1(fixtureJson('jaeger/otlp2jaeger-out.json')));
    assert.equal(fromV1.length, 1);
    assert.equal(fromV1[0]?.spans.length, 1);
    for (const trace of [...fromOtlp, ...fromV1]) {
      const summary = summarizeTrace(trace);
      assert.equal(summary.traceId, '83a9efd15c1c98a977e0711cc93ee28b');
      assert.equal(summary.root, 'okey-dokey-0');
      assert.deepEqual(summary.services, ['telemetrygen']);
      // Its parent 909541b92cf05311 is not in the trace.
      assert.equal(summary.missingRoot, true);
      assert.equal(summary.durationMs, 0.123);
      assert.equal(trace.spans[0]?.kind, 2);
    }
  });

  it('jaeger/ui_01.json: 64-bit ids padded, duplicate span ids, a reference into another trace, two services', () => {
    const spans = spansFromJaegerV1(fixtureJson('jaeger/ui_01.json'));
    assert.equal(spans[0]?.traceId, '00000000000000000000000000000001');
    const [trace] = assemble(spans);
    assert.ok(trace);
    // Five spans in the file, two of them share id 0000000000000002.
    assert.equal(trace.spans.length, 4);
    const summary = summarizeTrace(trace);
    assert.equal(summary.root, 'test-general-conversion');
    assert.deepEqual(summary.services, ['service-x', 'service-y']);
    assert.equal(summary.missingRoot, false);
    const reference = trace.spans.find((span) => span.spanId === '0000000000000004');
    assert.equal(
      reference?.parentSpanId,
      '0000000000000002',
      'CHILD_OF in the same trace wins over another trace',
    );
    assert.deepEqual(
      reference?.links.map((link) => link.traceId),
      ['000000000000000000000000000000ff', '00000000000000000000000000000001'],
    );
    const rows = buildWaterfall(trace.spans).rows.map((row) => `${'  '.repeat(row.depth)}${row.span.spanId}`);
    assert.deepEqual(rows, [
      '0000000000000002',
      '  0000000000000003',
      '  0000000000000004',
      '    0000000000000005',
    ]);
    const first = trace.spans.find((span) => span.spanId === '0000000000000002');
    assert.deepEqual(
      first?.events.map((event) => event.name),
      ['some-event', 'log'],
    );
  });

  it('jaeger/ui_01.json: the duplicate span that arrives later carries the error tag but the first one is kept', () => {
    const spans = spansFromJaegerV1(fixtureJson('jaeger/ui_01.json'));
    const second = spans[1];
    assert.equal(second?.status.code, 2);
    assert.equal(
      second?.attributes.javascript_limit,
      '9223372036854775222',
      'int64 beyond 2^53 stays a string',
    );
    const [trace] = assemble(spans.reverse());
    assert.ok(trace);
    assert.equal(summarizeTrace(trace).error, true);
  });

  it('jaeger-ui/testTraceNormal.json: out-of-order spans of two services form one tree', () => {
    const spans = spansFromJaegerV1(fixtureJson('jaeger-ui/testTraceNormal.json'));
    const [trace] = assemble(spans);
    assert.ok(trace);
    const summary = summarizeTrace(trace);
    assert.equal(summary.traceId, '4766f1209f70a5e2e55417fc296fd101');
    assert.equal(summary.root, 'GET /api/customer/owners/8/pets/10');
    assert.deepEqual(summary.services, ['api-gateway', 'customers-service']);
    assert.equal(summary.spanCount, 5);
    assert.equal(summary.durationMs, 4.902);
    assert.equal(summary.missingRoot, false);
    const waterfall = buildWaterfall(trace.spans);
    const depths = waterfall.rows.map((row) => row.depth);
    assert.deepEqual(depths, [0, 1, 2, 3, 3]);
    const offsets = waterfall.rows.map((row) => row.offsetMs);
    assert.deepEqual(
      offsets.slice(3),
      [...offsets.slice(3)].sort((a, b) => a - b),
      'siblings are ordered by start time',
    );
  });

  it('jaeger-ui/testTraceNormal.json: spans arriving in three batches stay incomplete until the trace settles', () => {
    const spans = spansFromJaegerV1(fixtureJson('jaeger-ui/testTraceNormal.json'));
    const root = spans.find((span) => span.parentSpanId === undefined);
    const children = spans.filter((span) => span !== root);
    assert.ok(root);
    const assembler = new TraceAssembler({ settleMs: 1000, rootlessSettleMs: 10_000 });
    assembler.add(children.slice(0, 2), 0);
    assert.deepEqual(assembler.settle(5000), [], 'no root yet: waits for the rootless timeout');
    assembler.add([...children.slice(0, 2), ...children.slice(2)], 5000);
    assembler.add([root], 5500);
    assert.deepEqual(assembler.settle(6000), [], 'root present but spans arrived 500 ms ago');
    const settled = assembler.settle(6500);
    assert.equal(settled.length, 1);
    assert.equal(settled[0]?.spans.length, 5);
    assert.equal(assembler.settle(9000).length, 0, 'a trace completes once');
  });

  it('opentelemetry-proto/trace.json: upper-case ids are lower-cased and a lone child shows its missing parent', () => {
    const spans = decodeTracesJson(fixtureJson('opentelemetry-proto/trace.json'));
    const assembler = new TraceAssembler({ settleMs: 1000, rootlessSettleMs: 10_000 });
    assembler.add(spans, 0);
    assert.equal(assembler.settle(5000).length, 0);
    const [trace] = assembler.settle(10_000);
    assert.ok(trace);
    const summary = summarizeTrace(trace);
    assert.equal(summary.traceId, '5b8efff798038103d269b633813fc60c');
    assert.equal(summary.root, "I'm a server span");
    assert.equal(summary.durationMs, 1000);
    assert.equal(summary.missingRoot, true);
    assert.deepEqual(summary.services, ['my.service']);
    const text = formatWaterfallText(summary.traceId, trace.spans, { width: 80 });
    assert.ok(text.split('\n').every((line) => line.length <= 80));
    assert.equal(
      text,
      [
        'trace 5b8efff798038103d269b633813fc60c  1 spans  1 service  1.00s',
        `? I'm a server span                my.service     1.00s |${'█'.repeat(22)}|`,
        '! = error status   ? = parent span not in this trace',
      ].join('\n'),
    );
  });
});
