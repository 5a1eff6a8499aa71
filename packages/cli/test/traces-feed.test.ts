import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TraceFeed } from '../src/traces/feed/trace-feed.js';
import { JaegerQueryClient } from '../src/traces/query/query-client.js';

/** A query API with the zips service and Jaeger's own service, answering every search with nothing found. */
describe('trace feed polling', () => {
  const searched: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/v3/services') {
      response.end(JSON.stringify({ services: ['jaeger', 'zips', 'jaeger-all-in-one'] }));
      return;
    }
    if (url.pathname === '/api/v3/traces') {
      searched.push(
        `${url.searchParams.get('query.service_name')} ${url.searchParams.get('query.num_traces')}`,
      );
    }
    response.writeHead(404).end('{"error":{"httpCode":404,"message":"No traces found"}}');
  });
  let client: JaegerQueryClient;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new JaegerQueryClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("polls every service but the trace store's own, and records the poll", async () => {
    const feed = new TraceFeed(client, { tracesPerPoll: 50 });
    assert.deepEqual(await feed.poll(), []);
    assert.deepEqual(searched, ['zips 50']);
    assert.deepEqual(feed.health.services, ['zips']);
    assert.equal(feed.health.polls, 1);
    assert.equal(feed.health.collector, undefined, 'no /api/zips/stats here');
  });

  it('asks only for --service when given, even a Jaeger one', async () => {
    searched.length = 0;
    await new TraceFeed(client, { service: 'jaeger' }).poll();
    assert.deepEqual(searched, ['jaeger 500']);
  });
});
