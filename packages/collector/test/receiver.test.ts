import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fixturesMissing, readFixture } from './support/paths.js';
import { postTraces, startTestCollector } from './support/test-collector.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const PROTO_TYPE = { 'content-type': 'application/x-protobuf' };
const skipFixtures = fixturesMissing;

function statusBody(result: { body: Buffer }): { code: number; message: string } {
  return JSON.parse(result.body.toString('utf8')) as { code: number; message: string };
}

/** A protobuf span with the given raw 16-byte trace id (field numbers from trace.proto), wrapped in a request. */
function protobufRequest(traceId: Buffer, spanId: Buffer): Buffer {
  const ld = (field: number, payload: Buffer) =>
    Buffer.concat([Buffer.from([(field << 3) | 2, payload.length]), payload]);
  const span = Buffer.concat([ld(1, traceId), ld(2, spanId), ld(5, Buffer.from('op'))]);
  return ld(1, ld(2, ld(2, span)));
}

describe('OTLP example fixtures', { skip: skipFixtures }, () => {
  test('trace.json: upper-case hex ids are stored lower-case, with the scope and attributes', async () => {
    await using collector = await startTestCollector();
    const result = await postTraces(collector, readFixture('opentelemetry-proto', 'trace.json'), JSON_TYPE);
    assert.equal(result.status, 200);
    assert.equal(result.contentType, 'application/json');
    assert.deepEqual(JSON.parse(result.body.toString()), {});
    const trace = collector.store.getTrace('5B8EFFF798038103D269B633813FC60C');
    assert.ok(trace);
    assert.equal(trace.length, 1);
    const [span] = trace;
    assert.equal(span?.traceId, '5b8efff798038103d269b633813fc60c');
    assert.equal(span?.spanId, 'eee19b7ec3c1b174');
    assert.equal(span?.parentSpanId, 'eee19b7ec3c1b173');
    assert.equal(span?.kind, 2);
    assert.equal(span?.endTimeUnixNano - (span?.startTimeUnixNano ?? 0n), 1_000_000_000n);
    assert.deepEqual(span?.attributes, { 'my.span.attr': 'some value' });
    assert.deepEqual(span?.scope, { name: 'my.library', version: '1.0.0' });
    assert.equal(span?.resource.serviceName, 'my.service');
  });

  test('otlp2jaeger-in.json (Jaeger): string timestamps, empty status, both duplicate spans stored', async () => {
    await using collector = await startTestCollector();
    const body = gzipSync(readFixture('jaeger', 'otlp2jaeger-in.json'));
    const result = await postTraces(collector, body, { ...JSON_TYPE, 'content-encoding': 'gzip' });
    assert.equal(result.status, 200);
    const trace = collector.store.getTrace('83a9efd15c1c98a977e0711cc93ee28b');
    assert.equal(trace?.length, 2);
    assert.equal((trace?.[0]?.endTimeUnixNano ?? 0n) - (trace?.[0]?.startTimeUnixNano ?? 0n), 123_000n);
    assert.deepEqual(trace?.[0]?.status, { code: 0, message: undefined });
    assert.deepEqual(collector.store.services(), ['telemetrygen']);
  });

  for (const file of ['logs.json', 'metrics.json', 'events.json']) {
    test(`${file} (a wrong signal) is accepted with 0 spans`, async () => {
      await using collector = await startTestCollector();
      const result = await postTraces(collector, readFixture('opentelemetry-proto', file), JSON_TYPE);
      assert.equal(result.status, 200);
      assert.equal(collector.store.stats().receivedSpans, 0);
    });
  }
});

describe('receiver error paths', () => {
  const cases: {
    name: string;
    body: string | Buffer;
    headers: Record<string, string>;
    status: number;
    message: RegExp;
  }[] = [
    {
      name: 'malformed JSON',
      body: '{"resourceSpans": [',
      headers: JSON_TYPE,
      status: 400,
      message: /not valid JSON/,
    },
    {
      name: 'JSON of the wrong shape',
      body: '{"resourceSpans": [{"scopeSpans": [{"spans": [{"startTimeUnixNano": "soon"}]}]}]}',
      headers: JSON_TYPE,
      status: 400,
      message:
        /resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.startTimeUnixNano: expected an unsigned 64-bit integer/,
    },
    { name: 'a JSON array', body: '[]', headers: JSON_TYPE, status: 400, message: /expected a JSON object/ },
    {
      name: 'truncated protobuf',
      body: protobufRequest(Buffer.alloc(16, 1), Buffer.alloc(8, 2)).subarray(0, 20),
      headers: PROTO_TYPE,
      status: 400,
      message: /truncated/,
    },
    {
      name: 'truncated gzip',
      body: gzipSync('{"resourceSpans": []}').subarray(0, 12),
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      status: 400,
      message: /not valid gzip/,
    },
    {
      name: 'gzip header on a plain body',
      body: '{}',
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      status: 400,
      message: /not valid gzip/,
    },
    {
      name: 'text/plain',
      body: 'hello',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      message: /text\/plain/,
    },
    {
      name: 'no Content-Type',
      body: new Uint8Array([1]) as Buffer,
      headers: {},
      status: 415,
      message: /Content-Type/,
    },
    {
      name: 'an unknown Content-Encoding',
      body: '{}',
      headers: { ...JSON_TYPE, 'content-encoding': 'zstd' },
      status: 415,
      message: /Content-Encoding "zstd"/,
    },
  ];
  for (const { name, body, headers, status, message } of cases) {
    test(`${name} → ${status} with a message`, async () => {
      await using collector = await startTestCollector();
      const result = await postTraces(collector, body, headers);
      assert.equal(result.status, status);
      // google.rpc.Status, in JSON or protobuf like the request: either way the message is readable UTF-8.
      const text =
        result.contentType === 'application/json' ? statusBody(result).message : result.body.toString('utf8');
      assert.match(text, message);
      assert.equal(collector.store.stats().receivedSpans, 0);
    });
  }

  test('an error on a protobuf request is a protobuf google.rpc.Status', async () => {
    await using collector = await startTestCollector();
    const result = await postTraces(collector, Buffer.from([0x0a, 0x05, 0x01]), PROTO_TYPE);
    assert.equal(result.status, 400);
    assert.equal(result.contentType, 'application/x-protobuf');
    // field 1 (code, varint) = 3 INVALID_ARGUMENT, then field 2 (message).
    assert.deepEqual([...result.body.subarray(0, 3)], [0x08, 3, 0x12]);
    assert.match(result.body.toString('utf8'), /truncated/);
  });

  test('a body over maxBodyBytes → 413, whether declared or streamed, and gzip bombs too', async () => {
    await using collector = await startTestCollector({ maxBodyBytes: 1024 });
    const big = JSON.stringify({ resourceSpans: [], padding: 'x'.repeat(4096) });
    const declared = await postTraces(collector, big, JSON_TYPE);
    assert.equal(declared.status, 413);
    assert.match(statusBody(declared).message, /limit is 1024 bytes/);
    const streamed = await fetch(`${collector.otlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: new Blob([big]).stream(),
      duplex: 'half',
      signal: AbortSignal.timeout(10_000),
    } as RequestInit);
    assert.equal(streamed.status, 413);
    await streamed.arrayBuffer();
    const bomb = gzipSync(big);
    assert.ok(bomb.length < 1024);
    const expanded = await postTraces(collector, bomb, { ...JSON_TYPE, 'content-encoding': 'gzip' });
    assert.equal(expanded.status, 413);
    assert.match(statusBody(expanded).message, /expands beyond 1024 bytes/);
  });

  test('other paths → 404, other methods → 405 with Allow', async () => {
    await using collector = await startTestCollector();
    const notFound = await postTraces(collector, '{}', JSON_TYPE, '/v1/logs');
    assert.equal(notFound.status, 404);
    assert.match(statusBody(notFound).message, /POST \/v1\/traces/);
    const response = await fetch(`${collector.otlpHttpUrl}/v1/traces`, {
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
    await response.arrayBuffer();
  });

  test('spans with invalid ids are rejected in partial_success, the others stored', async () => {
    await using collector = await startTestCollector();
    const span = (traceId: string, spanId: string) => ({ traceId, spanId, name: 'x' });
    const body = JSON.stringify({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                span('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331'),
                span('00000000000000000000000000000000', 'b7ad6b7169203331'),
                span('0af7651916cd43dd8448eb211c80319c', 'short'),
              ],
            },
          ],
        },
      ],
    });
    const result = await postTraces(collector, body, JSON_TYPE);
    assert.equal(result.status, 200);
    const response = JSON.parse(result.body.toString()) as {
      partialSuccess: { rejectedSpans: string; errorMessage: string };
    };
    assert.equal(response.partialSuccess.rejectedSpans, '2');
    assert.match(response.partialSuccess.errorMessage, /invalid trace id/);
    assert.equal(collector.store.stats().spans, 1);
    assert.equal(
      collector.store.getTrace('0af7651916cd43dd8448eb211c80319c')?.[0]?.resource.serviceName,
      'unknown_service',
    );
  });

  test('protobuf partial_success when a span has a 15-byte trace id', async () => {
    await using collector = await startTestCollector();
    const result = await postTraces(
      collector,
      protobufRequest(Buffer.alloc(15, 1), Buffer.alloc(8, 2)),
      PROTO_TYPE,
    );
    assert.equal(result.status, 200);
    // partial_success (field 1) { rejected_spans (field 1) = 1, error_message (field 2) }
    assert.equal(result.body[0], 0x0a);
    assert.deepEqual([...result.body.subarray(2, 4)], [0x08, 1]);
    assert.match(result.body.toString('utf8'), /invalid trace id/);
  });
});
