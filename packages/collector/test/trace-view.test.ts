/**
 * The web trace view over real HTTP: a real embedded collector, traces from the real OTel SDK, every page read back
 * as a browser would get it (status, headers, HTML).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestCollector } from './support/test-collector.js';
import {
  ATTRIBUTE_PAYLOAD,
  SCRIPT_PAYLOAD,
  sendWorkload,
  type WorkloadIds,
} from './support/trace-view-workload.js';

const CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

type Collector = Awaited<ReturnType<typeof startTestCollector>>;

async function get(collector: Collector, path: string, init: RequestInit = {}) {
  const response = await fetch(`${collector.queryUrl}${path}`, { redirect: 'manual', ...init });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
}

/** Problems that would break the strict CSP or leak markup: inline script or style, unescaped payloads. */
function assertSafePage(text: string): void {
  assert.match(text, /^<!doctype html>/);
  assert.doesNotMatch(text, /<script(?![^>]*\ssrc="\/static\/trace-view\.js")/, 'no inline script');
  assert.doesNotMatch(text, /\sstyle=|<style/, 'no inline style');
  assert.ok(!text.includes(SCRIPT_PAYLOAD) && !text.includes(ATTRIBUTE_PAYLOAD), 'payloads are escaped');
}

/** The `data-depth` of each waterfall row, in page order, with the span's label. */
function waterfallRows(text: string): { depth: number; label: string; parent: string }[] {
  const rows = text.matchAll(
    /<tr data-span-id="[0-9a-f]{16}" data-depth="(\d+)" data-parent-span-id="([0-9a-f]*)"[^>]*>\s*<th scope="row" class="op depth-\d+"><a href="#span-[0-9a-f]{16}">([^<]*)<\/a>/g,
  );
  return [...rows].map((m) => ({ depth: Number(m[1]), parent: m[2] ?? '', label: m[3] ?? '' }));
}

describe('web trace view: empty store', () => {
  test('/ redirects to /search, which says what to run', async () => {
    await using collector = await startTestCollector();
    const root = await get(collector, '/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/search');
    const search = await get(collector, '/search');
    assert.equal(search.status, 200);
    assert.equal(search.headers.get('content-security-policy'), CSP);
    assert.equal(search.headers.get('content-type'), 'text/html; charset=utf-8');
    assertSafePage(search.text);
    assert.match(search.text, /No service has sent traces yet\./);
    assert.match(search.text, /<code>zips lookup 11215<\/code>/);
  });
});

describe('web trace view: with traces from the SDK', () => {
  let collector: Collector;
  let ids: WorkloadIds;
  before(async () => {
    collector = await startTestCollector();
    ids = await sendWorkload(collector.otlpHttpUrl);
  });
  after(() => collector.close());

  const listed = (text: string) => [...text.matchAll(/<a href="\/trace\/([0-9a-f]{32})">/g)].map((m) => m[1]);

  test('/search lists traces newest first, hides health checks, and shows per-route stats', async () => {
    const { status, text } = await get(collector, '/search');
    assert.equal(status, 200);
    assertSafePage(text);
    assert.deepEqual(listed(text), [ids.failure, ids.request]);
    assert.match(text, /2 traces, newest first/);
    assert.match(text, /<th scope="row">GET \/zips\/:zip<\/th><td class="num">1<\/td>/);
    assert.match(
      text,
      /<th scope="row">GET \/boom<\/th><td class="num">1<\/td><td class="num">[\d.]+ req\/s<\/td><td class="num">100\.0%<\/td><td class="num">5\.0ms<\/td>/,
    );
    assert.match(text, /<th scope="row">All shown<\/th><td class="num">2<\/td>/);
  });

  const filters: [string, (ids: WorkloadIds) => string[]][] = [
    ['health=1', (i) => [i.failure, i.health, i.request]],
    ['errors=1', (i) => [i.failure]],
    ['minDuration=10ms', (i) => [i.request]],
    ['maxDuration=10ms', (i) => [i.failure]],
    ['minDuration=1ms&maxDuration=1.2s&health=on', (i) => [i.failure, i.health, i.request]],
    ['operation=ZIPS', (i) => [i.request]],
    ['service=zips&limit=1', (i) => [i.failure]],
    ['service=nobody', () => []],
    ['lookback=5m', (i) => [i.failure, i.request]],
    [`lookback=custom&start=0&end=${Date.now() * 1000 - 3_600_000_000}`, () => []],
  ];
  for (const [query, expected] of filters) {
    test(`/search?${query}`, async () => {
      const { status, text } = await get(collector, `/search?${query}`);
      assert.equal(status, 200, text);
      assertSafePage(text);
      assert.deepEqual(listed(text), expected(ids));
    });
  }

  test('a filter that hides everything says so and how to widen it', async () => {
    const { text } = await get(collector, '/search?operation=healthz');
    assert.match(text, /3 traces hidden by the filter\./);
    assert.match(text, /Show health checks/);
  });

  const badInputs: [string, RegExp][] = [
    ['minDuration=fast', /Parameter minDuration: &quot;fast&quot; is not a duration.*10ms, 1\.2s/s],
    ['maxDuration=-5s', /Parameter maxDuration/],
    ['lookback=forever', /Parameter lookback: &quot;forever&quot; is not a lookback/],
    ['limit=0', /Parameter limit: &quot;0&quot; is not a number of traces from 1 to 1000/],
    ['lookback=custom&start=yesterday', /Parameter start/],
    [`minDuration=${encodeURIComponent(SCRIPT_PAYLOAD)}`, /&lt;script&gt;/],
  ];
  for (const [query, message] of badInputs) {
    test(`/search?${query} → 400 naming the parameter and the fix`, async () => {
      const { status, headers, text } = await get(collector, `/search?${query}`);
      assert.equal(status, 400);
      assert.equal(headers.get('content-security-policy'), CSP);
      assertSafePage(text);
      assert.match(text, message);
    });
  }

  test('/trace/<id>: the waterfall nests spans by depth, with every span’s detail and the JSON link', async () => {
    const { status, text } = await get(collector, `/trace/${ids.request}`);
    assert.equal(status, 200);
    assertSafePage(text);
    const rows = waterfallRows(text);
    assert.deepEqual(
      rows.map((row) => [row.depth, row.label]),
      [
        [0, 'GET /zips/:zip'],
        [1, 'zips.lookup'],
        [2, 'dataset.read'],
      ],
    );
    assert.equal(rows[0]?.parent, '');
    assert.match(text, new RegExp(`<a href="/api/v3/traces/${ids.request}">`));
    // On a 50 ms axis: lookup runs from 10 to 30 ms, i.e. x = 200, width = 400 thousandths.
    assert.match(text, /data-depth="1"[\s\S]*?<rect class="svc-0" x="200" y="1" width="400" height="8">/);
    assert.match(text, /<th scope="row"><code>http\.route<\/code><\/th><td>\/zips\/:zip<\/td>/);
    assert.match(
      text,
      /<td>\+1\.0ms<\/td><th scope="row">cache miss<\/th><td><code>zips\.zip<\/code>=11215<\/td>/,
    );
    assert.match(text, /<h3>Resource<\/h3>[\s\S]*<code>service\.name<\/code><\/th><td>zips<\/td>/);
  });

  test('/trace/<id> of the failing request escapes the span’s payloads and marks the error', async () => {
    const { status, text } = await get(collector, `/trace/${ids.failure.toUpperCase()}`);
    assert.equal(status, 200);
    assertSafePage(text);
    assert.match(text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(text, /<dt>Status<\/dt><dd>error: &quot;&gt;&lt;img/);
    assert.match(
      text,
      /<tr data-span-id="[0-9a-f]{16}" data-depth="0" data-parent-span-id="" class="is-error">/,
    );
  });

  const errorPages: [string, number, RegExp][] = [
    [
      '/trace/0af7651916cd43dd8448eb211c80319c',
      404,
      /Trace 0af7651916cd43dd8448eb211c80319c is not in the embedded collector/,
    ],
    [
      '/trace/not-a-trace',
      400,
      /“not-a-trace” is not a trace id: a trace id is 1 to 32 hexadecimal characters/,
    ],
    [`/trace/${'a'.repeat(33)}`, 400, /is not a trace id/],
    ['/trace/%E0%A4%A', 400, /is not a trace id/],
    ['/trace/', 400, /“” is not a trace id/],
    [`/nothing/${encodeURIComponent(SCRIPT_PAYLOAD)}`, 404, /There is no page at \/nothing\/%3Cscript%3E/],
  ];
  for (const [path, code, message] of errorPages) {
    test(`${path} → ${code} page`, async () => {
      const { status, text } = await get(collector, path);
      assert.equal(status, code);
      assertSafePage(text);
      assert.match(text, message);
    });
  }

  test('POST → 405 page with Allow; the JSON API and static files keep their types', async () => {
    const post = await get(collector, '/search', { method: 'POST' });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get('allow'), 'GET, HEAD');
    assertSafePage(post.text);
    const api = await get(collector, '/api/unknown');
    assert.equal(api.headers.get('content-type'), 'application/json');
    for (const [path, type] of [
      ['/static/trace-view.css', 'text/css; charset=utf-8'],
      ['/static/trace-view.js', 'text/javascript; charset=utf-8'],
      ['/static/favicon.svg', 'image/svg+xml'],
    ]) {
      const asset = await get(collector, path as string);
      assert.equal(asset.status, 200);
      assert.equal(asset.headers.get('content-type'), type);
    }
    const head = await fetch(`${collector.queryUrl}/search`, { method: 'HEAD' });
    assert.equal(head.status, 200);
  });
});
