import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { OtlpSpan } from '@zips/collector';
import { type RunningEmbeddedCollector, startEmbeddedCollector } from '@zips/collector';
import { waitFor } from '@zips/test-support/wait-for';
import { rawRequest } from './support/raw-request.js';
import { type ServerProcess, spawnServer } from './support/spawn-server.js';

const SERVER = 2;
const INTERNAL = 1;

const newTraceId = () => randomBytes(16).toString('hex');
const newSpanId = () => randomBytes(8).toString('hex');

/** GET with a W3C traceparent, so the test knows the trace id and the parent the server span must take. */
async function tracedGet(server: ServerProcess, path: string) {
  const traceId = newTraceId();
  const parentId = newSpanId();
  const response = await rawRequest(server.port, path, {
    headers: { traceparent: `00-${traceId}-${parentId}-01` },
  });
  return { traceId, parentId, status: response.status };
}

/** The spans of a trace once `count` of them have arrived. */
function spansOf(collector: RunningEmbeddedCollector, traceId: string, count: number): Promise<OtlpSpan[]> {
  return waitFor(`${count} spans of trace ${traceId}`, () => {
    const spans = collector.store.getTrace(traceId);
    return spans !== undefined && spans.length >= count ? spans : undefined;
  });
}

function only(spans: OtlpSpan[], name: string): OtlpSpan {
  const matching = spans.filter((span) => span.name === name);
  assert.equal(matching.length, 1, `one ${name} span in ${spans.map((span) => span.name).join(', ')}`);
  return matching[0] as OtlpSpan;
}

for (const protocol of ['http/json', 'http/protobuf'] as const) {
  describe(`telemetry exported over OTLP ${protocol}`, () => {
    let collector: RunningEmbeddedCollector;
    let server: ServerProcess;
    const serviceName = protocol === 'http/json' ? 'zips-under-test' : 'zips';

    before(async () => {
      collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
      server = await spawnServer({
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_BSP_SCHEDULE_DELAY: '50',
        // One run takes the default service name, the other overrides it through the standard variable.
        ...(serviceName === 'zips' ? {} : { OTEL_SERVICE_NAME: serviceName }),
      });
    });
    after(async () => {
      await server?.stop('SIGTERM');
      await collector?.close();
    });

    test('GET /zips/:zip: the server span joins the caller trace, names the route, and has a lookup child', async () => {
      const { traceId, parentId, status } = await tracedGet(server, '/zips/11215');
      assert.equal(status, 200);
      const spans = await spansOf(collector, traceId, 2);
      assert.equal(spans.length, 2);
      const http = only(spans, 'GET /zips/:zip');
      assert.equal(http.kind, SERVER);
      assert.equal(http.parentSpanId, parentId, 'parent taken from the incoming traceparent');
      assert.equal(http.attributes['http.route'], '/zips/:zip');
      assert.equal(http.attributes['http.response.status_code'], 200);
      assert.equal(http.scope.name, '@zips/server/http-server', 'loaded under ESM by the bootstrap');
      // The stable HTTP server attributes of the semantic conventions, read off the real request.
      assert.deepEqual(
        {
          method: http.attributes['http.request.method'],
          scheme: http.attributes['url.scheme'],
          path: http.attributes['url.path'],
          query: http.attributes['url.query'],
          protocol: http.attributes['network.protocol.version'],
          client: http.attributes['client.address'],
          server: http.attributes['server.address'],
          port: Number(http.attributes['server.port']),
        },
        {
          method: 'GET',
          scheme: 'http',
          path: '/zips/11215',
          query: undefined,
          protocol: '1.1',
          client: '127.0.0.1',
          server: '127.0.0.1',
          port: server.port,
        },
      );
      assert.equal(http.status.code, 0, 'a 200 leaves the span status unset');
      assert.equal(http.resource.serviceName, serviceName);
      const lookup = only(spans, 'zips.lookup');
      assert.equal(lookup.kind, INTERNAL);
      assert.equal(lookup.parentSpanId, http.spanId);
      assert.deepEqual(lookup.attributes, { 'zips.zip': '11215', 'zips.found': true });
    });

    test('the resource comes from the env, host and process detectors only', async () => {
      const { traceId } = await tracedGet(server, '/zips/10001');
      const [span] = await spansOf(collector, traceId, 2);
      const keys = Object.keys(span?.resource.attributes ?? {});
      assert.ok(keys.includes('host.name') && keys.includes('process.pid'), keys.join(', '));
      assert.deepEqual(
        keys.filter((key) => key.startsWith('cloud.') || key.startsWith('container.')),
        [],
      );
    });

    test('GET /:zip: one lookup (the ZIP and its neighbours) and the template rendering, children of the server span', async () => {
      const { traceId, status } = await tracedGet(server, '/11215');
      assert.equal(status, 200);
      const spans = await spansOf(collector, traceId, 3);
      assert.deepEqual(spans.map((span) => span.name).sort(), ['GET /:zip', 'zips.lookup', 'zips.render']);
      const http = only(spans, 'GET /:zip');
      assert.equal(http.attributes['http.route'], '/:zip');
      for (const name of ['zips.lookup', 'zips.render']) {
        assert.equal(only(spans, name).parentSpanId, http.spanId, name);
      }
      assert.equal(only(spans, 'zips.render').attributes['zips.template'], 'zip.njk');
      // Brooklyn, NY has 47 ZIP codes in the dataset; the page lists 24 of the others.
      assert.deepEqual(only(spans, 'zips.lookup').attributes, {
        'zips.zip': '11215',
        'zips.found': true,
        'zips.neighbour_count': 24,
      });
    });

    test('GET /:zip for an unknown ZIP: the lookup says not found and has no neighbour count', async () => {
      const { traceId, status } = await tracedGet(server, '/00000');
      assert.equal(status, 404);
      const spans = await spansOf(collector, traceId, 2);
      assert.deepEqual(only(spans, 'zips.lookup').attributes, { 'zips.zip': '00000', 'zips.found': false });
    });

    test('an unknown ZIP is traced as not found with its 404', async () => {
      const { traceId, status } = await tracedGet(server, '/zips/00000');
      assert.equal(status, 404);
      const spans = await spansOf(collector, traceId, 2);
      assert.equal(only(spans, 'GET /zips/:zip').attributes['http.response.status_code'], 404);
      assert.equal(only(spans, 'zips.lookup').attributes['zips.found'], false);
    });

    test('GET /zips with filters records the filters and the result count', async () => {
      const { traceId } = await tracedGet(server, '/zips?state=RI&limit=5');
      const spans = await spansOf(collector, traceId, 2);
      const http = only(spans, 'GET /zips');
      assert.equal(http.attributes['url.path'], '/zips');
      assert.equal(http.attributes['url.query'], 'state=RI&limit=5');
      assert.equal(http.attributes['zips.result_count'], 5);
      assert.equal(http.attributes['zips.page.limit'], 5);
      assert.equal(only(spans, 'zips.filter').attributes['zips.filter.state'], 'RI');
    });

    test('a method the HTTP conventions do not know is recorded as _OTHER, with the original beside it', async () => {
      const traceId = newTraceId();
      const response = await rawRequest(server.port, '/zips/11215', {
        method: 'PROPFIND',
        headers: { traceparent: `00-${traceId}-${newSpanId()}-01` },
      });
      assert.equal(response.status, 405);
      const [http] = await spansOf(collector, traceId, 1);
      assert.equal(http?.name, 'HTTP');
      assert.equal(http?.attributes['http.request.method'], '_OTHER');
      assert.equal(http?.attributes['http.request.method_original'], 'PROPFIND');
      assert.equal(http?.attributes['http.response.status_code'], 405);
    });

    test('health checks produce no spans', async () => {
      const health = await tracedGet(server, '/healthz');
      const ready = await tracedGet(server, '/readyz');
      assert.equal(health.status, 200);
      // Spans export in the order they end, so once a later trace is in, the probes' would be too.
      const later = await tracedGet(server, '/zips/11215');
      await spansOf(collector, later.traceId, 2);
      assert.equal(collector.store.getTrace(health.traceId), undefined);
      assert.equal(collector.store.getTrace(ready.traceId), undefined);
    });
  });
}

describe('shutdown', () => {
  test('SIGTERM exports every span of every completed request, then exits 0', async () => {
    await using collectorHandle = await startCollector();
    const { collector } = collectorHandle;
    // A long batch delay: nothing is exported before SIGTERM, so every span has to come from the exit flush.
    const server = await spawnServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    const requests = await Promise.all(
      Array.from({ length: 25 }, (_, i) => tracedGet(server, i % 2 ? '/zips/11215' : '/10001')),
    );
    assert.ok(requests.every((request) => request.status === 200));
    assert.equal(collector.store.stats().receivedSpans, 0, 'nothing exported before SIGTERM');
    const code = await server.stop('SIGTERM');
    assert.equal(code, 0, server.output().stderr);
    for (const { traceId } of requests) {
      const spans = collector.store.getTrace(traceId) ?? [];
      assert.ok(
        spans.some((span) => span.kind === SERVER) && spans.some((span) => span.name === 'zips.lookup'),
        `trace ${traceId} complete: ${spans.map((span) => span.name).join(', ')}`,
      );
    }
    assert.match(server.output().stdout, /SIGTERM received/);
  });

  test('SIGINT also shuts down cleanly', async () => {
    await using collectorHandle = await startCollector();
    const server = await spawnServer({ OTEL_EXPORTER_OTLP_ENDPOINT: collectorHandle.collector.otlpHttpUrl });
    const { traceId } = await tracedGet(server, '/zips/11215');
    assert.equal(await server.stop('SIGINT'), 0);
    assert.equal(collectorHandle.collector.store.getTrace(traceId)?.length, 2);
  });
});

describe('exporter trouble', () => {
  test('with no collector listening, requests succeed, the error is logged once, and SIGTERM still exits 0', async () => {
    const port = await closedPort();
    const server = await spawnServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_BSP_SCHEDULE_DELAY: '20',
    });
    try {
      assert.equal((await tracedGet(server, '/zips/11215')).status, 200);
      await waitFor('the export error', () =>
        /zips telemetry:/.test(server.output().stderr) ? true : undefined,
      );
      // Several more failing batches: one per request, given the short batch delay.
      for (let i = 0; i < 10; i++) {
        assert.equal((await tracedGet(server, '/11215')).status, 200);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    } finally {
      assert.equal(await server.stop('SIGTERM'), 0);
    }
    const lines = server
      .output()
      .stderr.split('\n')
      .filter((line) => line.includes('spans may be lost'));
    assert.equal(lines.length, 1, server.output().stderr);
    assert.match(server.output().stderr, /\d+ repeated export errors were not logged/);
  });

  test('with a collector that accepts and never answers, requests succeed and SIGTERM still exits 0', async () => {
    await using hung = await hungCollector();
    const server = await spawnServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${hung.port}`,
      OTEL_BSP_SCHEDULE_DELAY: '20',
    });
    try {
      for (let i = 0; i < 10; i++) assert.equal((await tracedGet(server, '/zips/11215')).status, 200);
      await waitFor('an export to reach the hung collector', () =>
        hung.connections() > 0 ? true : undefined,
      );
    } finally {
      // The export timeout (3 s by default) bounds the flush; the helper SIGKILLs after 15 s.
      assert.equal(await server.stop('SIGTERM'), 0, server.output().stderr);
    }
  });

  test('OTEL_SDK_DISABLED=true serves without telemetry', async () => {
    await using collectorHandle = await startCollector();
    const server = await spawnServer({
      OTEL_SDK_DISABLED: 'true',
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorHandle.collector.otlpHttpUrl,
    });
    const { traceId, status } = await tracedGet(server, '/zips/11215');
    assert.equal(status, 200);
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.equal(collectorHandle.collector.store.getTrace(traceId), undefined);
  });
});

async function startCollector(): Promise<{ collector: RunningEmbeddedCollector } & AsyncDisposable> {
  const collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
  return { collector, [Symbol.asyncDispose]: () => collector.close() };
}

/** A TCP server that accepts connections and never answers, like a collector stuck under load. */
async function hungCollector(): Promise<{ port: number; connections: () => number } & AsyncDisposable> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => sockets.delete(socket));
    socket.resume();
  });
  let accepted = 0;
  server.on('connection', () => {
    accepted++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections: () => accepted,
    [Symbol.asyncDispose]: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
