import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { StackNotRunningError, ZipsError } from '../src/errors.js';
import { JaegerQueryClient } from '../src/traces/query/query-client.js';
import { fixturesMissing, fixtureText } from './support/paths.js';

/**
 * A server that answers like Jaeger v2's api/v3 gateway, replaying the recorded Jaeger responses byte for byte:
 * 404 `{"error":…}` for an empty search, the UI's HTML page for unknown paths.
 */
function jaegerReplay(requests: URL[]): Server {
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const json = (status: number, body: string) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(body);
    if (url.pathname === '/api/v3/services') return json(200, fixtureText('jaeger/GetServices.json'));
    if (url.pathname === '/api/v3/traces/00000000000000000000000000000001')
      return json(200, fixtureText('jaeger/GetTrace.json'));
    if (url.pathname.startsWith('/api/v3/traces/'))
      return json(404, '{"error":{"httpCode":404,"message":"trace not found"}}');
    if (url.pathname === '/api/v3/traces') {
      if (url.searchParams.get('query.service_name') === 'foo')
        return json(200, fixtureText('jaeger/GetTrace.json'));
      if (url.searchParams.get('query.service_name') === 'broken')
        return json(500, '{"error":{"httpCode":500,"message":"storage down"}}');
      return json(404, '{"error":{"httpCode":404,"message":"No traces found"}}');
    }
    response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Jaeger UI</title>');
  });
}

describe('Jaeger api/v3 client against recorded Jaeger responses', { skip: fixturesMissing }, () => {
  const requests: URL[] = [];
  const server = jaegerReplay(requests);
  let client: JaegerQueryClient;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new JaegerQueryClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('lists services', async () => {
    assert.deepEqual(await client.services(), ['foo']);
  });

  it('searches with the snake_case parameters real Jaeger requires', async () => {
    const spans = await client.findTraces({
      service: 'foo',
      startMin: new Date('2026-01-02T03:00:00.000Z'),
      startMax: new Date('2026-01-02T04:00:00.000Z'),
      limit: 20,
      durationMinMs: 50,
    });
    assert.equal(spans.length, 1);
    assert.equal(spans[0]?.name, 'foobar');
    assert.deepEqual(Object.fromEntries(requests.at(-1)?.searchParams ?? []), {
      'query.service_name': 'foo',
      'query.start_time_min': '2026-01-02T03:00:00.000Z',
      'query.start_time_max': '2026-01-02T04:00:00.000Z',
      'query.num_traces': '20',
      'query.duration_min': '50ms',
    });
  });

  it('treats 404 {"error":…} as "no traces", not as a failure', async () => {
    const spans = await client.findTraces({ service: 'bar', startMin: new Date(0), startMax: new Date() });
    assert.deepEqual(spans, []);
    assert.equal(await client.getTrace('0000000000000000000000000000beef'), undefined);
  });

  it('fetches one trace and keeps the body for --json', async () => {
    const trace = await client.getTrace('00000000000000000000000000000001');
    assert.equal(trace?.spans[0]?.spanId, '0000000000000002');
    assert.deepEqual(trace?.body, JSON.parse(fixtureText('jaeger/GetTrace.json')));
  });

  it('has no collector stats on a real Jaeger (HTML for unknown paths)', async () => {
    assert.equal(await client.stats(), undefined);
  });

  it('reports other HTTP errors with the status and body', async () => {
    await assert.rejects(
      client.findTraces({ service: 'broken', startMin: new Date(0), startMax: new Date() }),
      (error: unknown) => error instanceof ZipsError && /HTTP 500: .*storage down/.test(error.message),
    );
  });

  it('says the stack is not running when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(new JaegerQueryClient(`http://127.0.0.1:${port}`).services(), (error: unknown) => {
      assert.ok(error instanceof StackNotRunningError);
      assert.match(
        error.message,
        new RegExp(`No trace query API answers at http://127.0.0.1:${port} \\(ECONNREFUSED\\)`),
      );
      assert.match(error.hint ?? '', /zips up/);
      return true;
    });
  });
});
