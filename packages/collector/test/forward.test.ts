import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { waitFor } from '@zips/test-support/wait-for';
import { retryAfterMs } from '../src/forward/forward-queue.js';
import { Forwarder } from '../src/forward/forwarder.js';
import { closeServer } from '../src/listen.js';
import { postTraces, startTestCollector } from './support/test-collector.js';

const TOKEN = 'secret-token-value-1234';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';

function batch(spanId: string): string {
  const span = {
    traceId: TRACE_ID,
    spanId,
    name: 'forwarded',
    kind: 2,
    startTimeUnixNano: '1',
    endTimeUnixNano: '2',
  };
  const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'zips' } }] };
  return JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ spans: [span] }] }] });
}

/** A plain HTTP server recording what it receives, standing in for a vendor endpoint. */
async function startRecorder(port = 0, status = 200) {
  const requests: { url: string; headers: IncomingMessage['headers']; body: Buffer }[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
    // A failing vendor that echoes the credential it was sent, as a careless error page might.
    const body = status === 200 ? '{}' : `bad token ${String(req.headers['x-token'])}`;
    res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    requests,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    [Symbol.asyncDispose]: () => closeServer(server),
  };
}

describe('forwarding', () => {
  test('re-exports each batch to another embedded collector and to a vendor endpoint with its env header', async () => {
    await using target = await startTestCollector();
    await using vendor = await startRecorder();
    await using collector = await startTestCollector({
      forward: [
        { name: 'second', endpoint: target.otlpHttpUrl, headers: [] },
        {
          name: 'vendor',
          endpoint: `${vendor.url}/otlp`,
          headers: [{ name: 'lightstep-access-token', env: 'LS_TOKEN' }],
        },
      ],
      env: { LS_TOKEN: TOKEN },
    });
    assert.equal(
      (await postTraces(collector, batch('00f067aa0ba902b7'), { 'content-type': 'application/json' })).status,
      200,
    );
    const forwarded = await waitFor('the span at the second collector', () =>
      target.store.getTrace(TRACE_ID),
    );
    assert.deepEqual(
      forwarded.map((s) => [s.spanId, s.resource.serviceName, s.name]),
      [['00f067aa0ba902b7', 'zips', 'forwarded']],
    );
    const request = await waitFor('the vendor request', () => vendor.requests[0]);
    assert.equal(request.url, '/otlp/v1/traces');
    assert.equal(request.headers['lightstep-access-token'], TOKEN);
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['content-encoding'], 'gzip');
    assert.match(gunzipSync(request.body).toString(), /00f067aa0ba902b7/);
    assert.ok(!collector.logs.join('\n').includes(TOKEN));
  });

  test('a target that is away is retried until it is back: every batch arrives, one log line per state change', async () => {
    // A port that was free a moment ago: nothing listens there until the recorder starts on it.
    const probe = await startRecorder();
    const port = Number(new URL(probe.url).port);
    await probe[Symbol.asyncDispose]();
    await using collector = await startTestCollector({
      forward: [
        {
          name: 'vendor',
          endpoint: `http://127.0.0.1:${port}`,
          headers: [{ name: 'x-token', env: 'TOKEN_VAR' }],
        },
      ],
      env: { TOKEN_VAR: TOKEN },
    });
    const stats = async () =>
      (
        (await (
          await fetch(`${collector.queryUrl}/api/zips/stats`, { signal: AbortSignal.timeout(10_000) })
        ).json()) as {
          forward: { failedBatches: number; sentBatches: number; retries: number; queued: number }[];
        }
      ).forward[0];
    for (const id of ['00f067aa0ba902b1', '00f067aa0ba902b2', '00f067aa0ba902b3']) {
      assert.equal(
        (await postTraces(collector, batch(id), { 'content-type': 'application/json' })).status,
        200,
      );
    }
    assert.equal(collector.store.getTrace(TRACE_ID)?.length, 3);
    await waitFor('retries of the first batch', async () =>
      ((await stats())?.retries ?? 0) >= 2 ? true : undefined,
    );
    assert.deepEqual(
      {
        queued: (await stats())?.queued,
        failed: (await stats())?.failedBatches,
        sent: (await stats())?.sentBatches,
      },
      { queued: 3, failed: 0, sent: 0 },
      'nothing is given up while the target is away',
    );
    assert.equal(collector.logs.filter((line) => line.includes('forward vendor')).length, 1);
    assert.match(collector.logs.find((line) => line.includes('forward vendor')) ?? '', /failing/);

    await using vendor = await startRecorder(port);
    await postTraces(collector, batch('00f067aa0ba902b4'), { 'content-type': 'application/json' });
    await waitFor(
      'all four batches at the vendor',
      () => (vendor.requests.length === 4 ? true : undefined),
      15_000,
    );
    const spanIds = vendor.requests.map(
      (r) => /"spanId":"([0-9a-f]+)"/.exec(gunzipSync(r.body).toString())?.[1],
    );
    assert.deepEqual(
      spanIds,
      ['00f067aa0ba902b1', '00f067aa0ba902b2', '00f067aa0ba902b3', '00f067aa0ba902b4'],
      'in order',
    );
    await waitFor('the recovery log line', () => collector.logs.find((line) => line.includes('recovered')));
    assert.equal(collector.logs.filter((line) => line.includes('forward vendor')).length, 2);
    assert.ok(!collector.logs.join('\n').includes(TOKEN));
  });

  test('a vendor error body echoing the token is logged redacted', async () => {
    await using vendor = await startRecorder(0, 401);
    await using collector = await startTestCollector({
      forward: [{ name: 'vendor', endpoint: vendor.url, headers: [{ name: 'x-token', env: 'TOKEN_VAR' }] }],
      env: { TOKEN_VAR: TOKEN },
    });
    await postTraces(collector, batch('00f067aa0ba902b9'), { 'content-type': 'application/json' });
    const line = await waitFor('the failure log line', () =>
      collector.logs.find((l) => l.includes('forward vendor')),
    );
    assert.match(line, /HTTP 401 bad token \[redacted\]/);
    assert.ok(!collector.logs.join('\n').includes(TOKEN));
  });

  test('a missing token variable fails the start, naming the variable and not starting servers', async () => {
    await assert.rejects(
      startTestCollector({
        forward: [
          {
            name: 'lightstep',
            endpoint: 'https://ingest.lightstep.com',
            headers: [{ name: 'lightstep-access-token', env: 'LS_TOKEN' }],
          },
        ],
        env: {},
      }),
      /forward target "lightstep": environment variable LS_TOKEN \(for header lightstep-access-token\) is not set/,
    );
  });

  test('the queue is bounded: with a target that never answers, the oldest batches are dropped and counted', async () => {
    const held: ServerResponse[] = [];
    const hanging = createServer((_req, res) => held.push(res));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const logs: string[] = [];
    const forwarder = new Forwarder(
      [
        {
          name: 'stuck',
          endpoint: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
          headers: [],
        },
      ],
      { log: (line) => logs.push(line), maxQueue: 2, env: {} },
    );
    try {
      const body = Buffer.from(batch('00f067aa0ba902c1'));
      for (let i = 0; i < 5; i++) forwarder.enqueue({ encoding: 'json', body, spans: 1 });
      // One batch in flight, two queued, two dropped.
      await waitFor('the first request to arrive', () => (held.length === 1 ? true : undefined));
      assert.deepEqual(
        forwarder
          .stats()
          .map(({ queued, droppedBatches, sentBatches }) => ({ queued, droppedBatches, sentBatches })),
        [{ queued: 3, droppedBatches: 2, sentBatches: 0 }],
      );
      // close() gives up on the stuck target after its grace period: the one in flight and the queued ones count
      // as dropped, with their spans.
      await forwarder.close(50);
      assert.deepEqual(
        forwarder.stats().map(({ droppedBatches, droppedSpans, failedBatches, queued }) => ({
          droppedBatches,
          droppedSpans,
          failedBatches,
          queued,
        })),
        [{ droppedBatches: 5, droppedSpans: 5, failedBatches: 0, queued: 0 }],
      );
    } finally {
      for (const res of held) res.destroy();
      await closeServer(hanging, 0);
    }
  });

  test('throttling: 503 with Retry-After is waited out and retried; a 400 is refused for good and counted', async () => {
    let calls = 0;
    const answers = [503, 200, 400];
    const times: number[] = [];
    const server = createServer((req, res) => {
      req.resume();
      times.push(performance.now());
      const status = answers[calls++] ?? 200;
      res.writeHead(status, status === 503 ? { 'retry-after': '1' } : {}).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const forwarder = new Forwarder(
      [
        {
          name: 'vendor',
          endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          headers: [],
        },
      ],
      { log: () => {}, env: {} },
    );
    try {
      const body = Buffer.from(batch('00f067aa0ba902d1'));
      forwarder.enqueue({ encoding: 'json', body, spans: 1 });
      forwarder.enqueue({ encoding: 'json', body, spans: 1 });
      await waitFor('three attempts', () => (calls === 3 ? true : undefined), 10_000);
      await waitFor('the refusal counted', () =>
        forwarder.stats()[0]?.failedBatches === 1 ? true : undefined,
      );
      const [first = 0, second = 0] = times;
      assert.ok(second - first >= 950, `the retry waited for Retry-After: ${Math.round(second - first)} ms`);
      assert.deepEqual(
        forwarder.stats().map(({ sentBatches, failedBatches, retries, queued }) => ({
          sentBatches,
          failedBatches,
          retries,
          queued,
        })),
        [{ sentBatches: 1, failedBatches: 1, retries: 1, queued: 0 }],
      );
    } finally {
      await forwarder.close(50);
      await closeServer(server, 0);
    }
  });

  test('Retry-After: seconds or an HTTP date, capped at 60 s', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    assert.deepEqual(
      ['3', '0', 'Fri, 04 Dec 2026 12:00:05 GMT', '86400', 'soon', '', null].map((v) => retryAfterMs(v, now)),
      [3000, 0, 5000, 60_000, undefined, undefined, undefined],
    );
  });
});
