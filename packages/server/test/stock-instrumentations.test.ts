import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type OtlpSpan, type RunningEmbeddedCollector, startEmbeddedCollector } from '@zips/collector';
import { selectStockInstrumentations } from '../src/telemetry/instrumentation-selection.js';
import {
  loadStockInstrumentations,
  modulesPatchedBy,
  STOCK_INSTRUMENTATION_NAMES,
} from '../src/telemetry/stock-instrumentations.js';
import { spawnServer } from './support/spawn-server.js';
import { newTraceId, tracedGet } from './support/traced-request.js';

const SERVER = 2;
const CLIENT = 3;
const OUTGOING_CALLS = fileURLToPath(new URL('./fixtures/outgoing-calls.js', import.meta.url));
const KNOWN = 'known: http, ioredis, mongodb, mysql2, pg, redis, undici';

describe('OTEL_NODE_ENABLED_INSTRUMENTATIONS / OTEL_NODE_DISABLED_INSTRUMENTATIONS, read as auto-instrumentations-node reads them', () => {
  const cases: { name: string; env: NodeJS.ProcessEnv; names: string[]; warnings?: string[] }[] = [
    { name: 'unset: zips alone', env: {}, names: [] },
    { name: 'empty: zips alone', env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: '' }, names: [] },
    { name: 'one name', env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http' }, names: ['http'] },
    {
      name: 'spaces, an empty entry and a repeat',
      env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: ' pg , http,,pg ' },
      names: ['pg', 'http'],
    },
    {
      name: 'disabled removes from enabled',
      env: {
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,undici,pg',
        OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'undici',
      },
      names: ['http', 'pg'],
    },
    {
      name: 'disabled alone: zips alone (its default has no stock instrumentation to remove)',
      env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'fs,express' },
      names: [],
    },
    {
      name: 'names zips does not ship: one warning per variable, the rest still load',
      env: {
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'express,http,kafkajs',
        OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'fs',
      },
      names: ['http'],
      warnings: [
        `zips telemetry: OTEL_NODE_ENABLED_INSTRUMENTATIONS names express, kafkajs, which zips does not ship (ignored); ${KNOWN}`,
        `zips telemetry: OTEL_NODE_DISABLED_INSTRUMENTATIONS names fs, which zips does not ship (ignored); ${KNOWN}`,
      ],
    },
    {
      name: 'the full package name is not a name (as upstream: names are without the prefix)',
      env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: '@opentelemetry/instrumentation-http' },
      names: [],
      warnings: [
        `zips telemetry: OTEL_NODE_ENABLED_INSTRUMENTATIONS names @opentelemetry/instrumentation-http, which zips does not ship (ignored); ${KNOWN}`,
      ],
    },
  ];
  for (const { name, env, names, warnings = [] } of cases) {
    test(name, () => {
      assert.deepEqual(selectStockInstrumentations(env), { names, warnings });
    });
  }
});

describe('the stock instrumentations zips ships', () => {
  test('each name loads its package, and tells which modules the ESM loader hook must wrap', async (t) => {
    const loaded = await loadStockInstrumentations(STOCK_INSTRUMENTATION_NAMES);
    // Made here, they hooked this process's require and import: take the hooks off again.
    t.after(() => {
      for (const instrumentation of loaded) instrumentation.disable();
    });
    assert.deepEqual(
      loaded.map((instrumentation) => instrumentation.instrumentationName),
      STOCK_INSTRUMENTATION_NAMES.map((name) => `@opentelemetry/instrumentation-${name}`),
    );
    const http = loaded.find((instrumentation) => instrumentation.instrumentationName.endsWith('-http'));
    assert.ok(http);
    assert.equal(
      (http.getConfig() as { disableIncomingRequestInstrumentation?: boolean })
        .disableIncomingRequestInstrumentation,
      true,
      'zips makes the SERVER span; the stock one would double it',
    );
    assert.deepEqual(modulesPatchedBy(loaded).sort(), [
      '@node-redis/client',
      '@redis/client',
      'http',
      'https',
      'ioredis',
      'mongodb',
      'mysql2',
      'pg',
      'pg-pool',
      'redis',
    ]);
  });
});

describe('the switch in the real instrumented process', () => {
  test('http,undici: outgoing calls inside the server are CLIENT spans; a request keeps its one SERVER span', async () => {
    await using target = await startTarget();
    await using collector = await startCollector();
    const { spans, traceSpans, stderr } = await runServer(collector.collector, target.url, {
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,undici',
    });
    assert.deepEqual(target.paths, ['/via-http-get', '/via-fetch']);
    assert.deepEqual(
      spans
        .filter((span) => span.kind === CLIENT)
        .map((span) => ({ scope: span.scope.name, url: urlOf(span) }))
        .sort((x, y) => x.scope.localeCompare(y.scope)),
      [
        { scope: '@opentelemetry/instrumentation-http', url: `${target.url}/via-http-get` },
        { scope: '@opentelemetry/instrumentation-undici', url: `${target.url}/via-fetch` },
      ],
      'one CLIENT span per outgoing call, none for the exporter',
    );
    assert.deepEqual(describeSpans(traceSpans), [
      { name: 'GET /zips/:zip', kind: SERVER, scope: '@zips/server/http-server' },
      { name: 'zips.lookup', kind: 1, scope: '@zips/server' },
    ]);
    assert.equal(spans.filter((span) => span.kind === SERVER).length, 1, 'one SERVER span in all');
    assert.equal(stderr, '');
  });

  test('unset: the same calls make no span (the lean default), and the request the same spans', async () => {
    await using target = await startTarget();
    await using collector = await startCollector();
    const { spans, traceSpans } = await runServer(collector.collector, target.url, {});
    assert.deepEqual(target.paths, ['/via-http-get', '/via-fetch']);
    assert.deepEqual(
      spans.filter((span) => span.kind === CLIENT),
      [],
    );
    assert.deepEqual(describeSpans(traceSpans), [
      { name: 'GET /zips/:zip', kind: SERVER, scope: '@zips/server/http-server' },
      { name: 'zips.lookup', kind: 1, scope: '@zips/server' },
    ]);
  });

  test('a name zips does not ship: one warning line on stderr, the rest load, the server serves and exits 0', async () => {
    await using target = await startTarget();
    await using collector = await startCollector();
    const { spans, stderr } = await runServer(collector.collector, target.url, {
      OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'express,undici',
    });
    assert.equal(
      stderr,
      `zips telemetry: OTEL_NODE_ENABLED_INSTRUMENTATIONS names express, which zips does not ship (ignored); ${KNOWN}\n`,
    );
    assert.deepEqual(
      spans.filter((span) => span.kind === CLIENT).map(urlOf),
      [`${target.url}/via-fetch`],
      'undici loaded, http not asked for',
    );
  });
});

/**
 * Runs the server with the outgoing-calls fixture preloaded, sends one traced `GET /zips/11215`, stops it with
 * SIGTERM (which exports every span) and returns what the collector received.
 */
async function runServer(
  collector: RunningEmbeddedCollector,
  targetUrl: string,
  env: Record<string, string>,
) {
  const server = await spawnServer(
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
      OTEL_BSP_SCHEDULE_DELAY: '50',
      ZIPS_TEST_OUTGOING_URL: targetUrl,
      ...env,
    },
    { preload: [OUTGOING_CALLS] },
  );
  const traceId = newTraceId();
  assert.equal(await tracedGet(`${server.baseUrl}/zips/11215`, traceId), 200);
  assert.equal(await server.stop('SIGTERM'), 0, server.output().stderr);
  return {
    spans: [...collector.store.recentTraces()].flat(),
    traceSpans: collector.store.getTrace(traceId) ?? [],
    stderr: server.output().stderr,
  };
}

function describeSpans(spans: readonly OtlpSpan[]) {
  return spans
    .map((span) => ({ name: span.name, kind: span.kind, scope: span.scope.name }))
    .sort((x, y) => x.name.localeCompare(y.name));
}

/** The URL of a CLIENT span, under the stable (`url.full`) or the older (`http.url`) HTTP conventions. */
function urlOf(span: OtlpSpan): unknown {
  return span.attributes['url.full'] ?? span.attributes['http.url'];
}

async function startCollector(): Promise<{ collector: RunningEmbeddedCollector } & AsyncDisposable> {
  const collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
  return { collector, [Symbol.asyncDispose]: () => collector.close() };
}

/** An HTTP server in the test process that answers 204 and records the paths it was asked for. */
async function startTarget(): Promise<{ url: string; paths: string[] } & AsyncDisposable> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    [Symbol.asyncDispose]: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
