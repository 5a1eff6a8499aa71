import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeTracesJson } from '../src/otlp/decode-json.js';
import { fixturesMissing, readFixture } from './support/paths.js';
import { getJson, postTraces, startTestCollector } from './support/test-collector.js';

const skipFixtures = fixturesMissing;

/** The structure of a JSON value: objects by key (sorted), arrays by their first element, leaves by type. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

/** The GetTrace.json fixture's trace, sent as OTLP/JSON: trace 1, span 2, SERVER, ERROR. */
function fixtureTraceRequest(): string {
  const fixture = JSON.parse(readFixture('jaeger', 'GetTrace.json').toString()) as { result: unknown };
  return JSON.stringify(fixture.result);
}

describe('query API (Jaeger api/v3 subset)', () => {
  test('GET /api/v3/traces/{id} answers the shape of Jaeger GetTrace.json', {
    skip: skipFixtures,
  }, async () => {
    await using collector = await startTestCollector();
    assert.equal(
      (await postTraces(collector, fixtureTraceRequest(), { 'content-type': 'application/json' })).status,
      200,
    );
    const { status, body, contentType } = await getJson(
      collector,
      '/api/v3/traces/00000000000000000000000000000001',
    );
    assert.equal(status, 200);
    assert.equal(contentType, 'application/json');
    const expected = JSON.parse(readFixture('jaeger', 'GetTrace.json').toString()) as unknown;
    // Exactly the snapshot: zero values (times, empty resource and scope) left out as Jaeger's marshaller does.
    assert.deepEqual(body, expected);
    // Short ids are left-padded like Jaeger's TraceIDFromString.
    assert.deepEqual((await getJson(collector, '/api/v3/traces/1')).body, expected);
  });

  test('GET /api/v3/services answers the shape of Jaeger GetServices.json', {
    skip: skipFixtures,
  }, async () => {
    await using collector = await startTestCollector();
    const empty = await getJson(collector, '/api/v3/services');
    assert.deepEqual(empty, { status: 200, contentType: 'application/json', body: { services: [] } });
    await postTraces(collector, readFixture('opentelemetry-proto', 'trace.json'), {
      'content-type': 'application/json',
    });
    const { body } = await getJson(collector, '/api/v3/services');
    const expected = JSON.parse(readFixture('jaeger', 'GetServices.json').toString()) as unknown;
    assert.deepEqual(shape(body), shape(expected));
    assert.deepEqual(body, { services: ['my.service'] });
  });

  test('FindTraces: snake_case and camelCase parameters, the {"result"} envelope, decodable by decodeTracesJson', {
    skip: skipFixtures,
  }, async () => {
    await using collector = await startTestCollector();
    await postTraces(collector, readFixture('opentelemetry-proto', 'trace.json'), {
      'content-type': 'application/json',
    });
    await postTraces(collector, readFixture('jaeger', 'otlp2jaeger-in.json'), {
      'content-type': 'application/json',
    });
    const snake = await getJson(
      collector,
      '/api/v3/traces?query.service_name=telemetrygen&query.start_time_min=2024-01-31T00:00:00Z' +
        '&query.start_time_max=2024-02-01T00:00:00.123456789Z&query.duration_min=100us&query.num_traces=5',
    );
    assert.equal(snake.status, 200);
    const spans = decodeTracesJson(snake.body);
    assert.deepEqual(
      spans.map((s) => [s.traceId, s.resource.serviceName]),
      [
        ['83a9efd15c1c98a977e0711cc93ee28b', 'telemetrygen'],
        ['83a9efd15c1c98a977e0711cc93ee28b', 'telemetrygen'],
      ],
    );
    const camel = await getJson(
      collector,
      '/api/v3/traces?query.serviceName=my.service&query.operationName=I%27m%20a%20server%20span&query.searchDepth=1',
    );
    assert.equal(camel.status, 200);
    assert.deepEqual(
      decodeTracesJson(camel.body).map((s) => s.spanId),
      ['eee19b7ec3c1b174'],
    );
    // Without a time range (Jaeger would insist on one) the whole buffer is searched, newest first.
    const all = await getJson(collector, '/api/v3/traces');
    assert.equal(decodeTracesJson(all.body).length, 3);
  });

  const errors: [string, number, RegExp][] = [
    ['/api/v3/traces/0af7651916cd43dd8448eb211c80319c', 404, /^trace not found$/],
    ['/api/v3/traces?query.service_name=nobody', 404, /^No traces found$/],
    ['/api/v3/traces/not-hex', 400, /malformed parameter trace_id/],
    ['/api/v3/traces?query.start_time_min=yesterday', 400, /malformed parameter query\.start_time_min/],
    ['/api/v3/traces?query.startTimeMax=2024-13-01', 400, /malformed parameter query\.startTimeMax/],
    ['/api/v3/traces?query.duration_max=5', 400, /malformed parameter query\.duration_max/],
    ['/api/v3/traces?query.num_traces=-1', 400, /malformed parameter query\.num_traces/],
    ['/api/v3/traces?query.raw_traces=maybe', 400, /malformed parameter query\.raw_traces/],
    ['/api/v3/traces/1?start_time=noon', 400, /malformed parameter start_time/],
    ['/api/v2/anything', 404, /no such path/],
  ];
  for (const [path, status, message] of errors) {
    test(`GET ${path} → ${status} in Jaeger's error envelope`, async () => {
      await using collector = await startTestCollector();
      const response = await getJson(collector, path);
      assert.equal(response.status, status);
      const error = (response.body as { error: { httpCode: number; message: string } }).error;
      assert.equal(error.httpCode, status);
      assert.match(error.message, message);
    });
  }

  test('POST on a query path → 405; /api/zips/stats and /healthz', async () => {
    await using collector = await startTestCollector({ maxTraces: 1 });
    const post = await fetch(`${collector.queryUrl}/api/v3/services`, {
      method: 'POST',
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET');
    await post.arrayBuffer();
    const span = (t: string) => ({ traceId: t.repeat(32), spanId: '1'.repeat(16), name: 'x' });
    const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span('a'), span('b')] }] }] });
    await postTraces(collector, body, { 'content-type': 'application/json' });
    await postTraces(collector, 'x', { 'content-type': 'text/plain' });
    const stats = await getJson(collector, '/api/zips/stats');
    const { receiver, ...store } = stats.body as { receiver: { lastError: { at: string } } };
    assert.deepEqual(store, {
      traces: 1,
      spans: 1,
      droppedTraces: 1,
      droppedSpans: 1,
      receivedSpans: 2,
      forward: [],
    });
    // Request counters, with the last failure, so `zips doctor` can say why spans are missing.
    assert.ok(!Number.isNaN(Date.parse(receiver.lastError.at)));
    assert.deepEqual(
      { ...receiver, lastError: { ...receiver.lastError, at: 'checked' } },
      {
        acceptedRequests: 1,
        failedRequests: 1,
        lastError: {
          status: 415,
          message:
            'unsupported Content-Type "text/plain"; send application/json or application/x-protobuf (OTLP/HTTP)',
          at: 'checked',
        },
      },
    );
    assert.deepEqual((await getJson(collector, '/healthz')).body, { status: 'ok' });
  });
});
