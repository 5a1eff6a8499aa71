/**
 * The web trace view under generated input, as the app's pages are fuzzed (seeded; `ZIPS_REL_SEED` repeats a
 * run): Jaeger UI paths and `/search` parameters made of hostile pieces, over a store holding traces whose
 * attributes carry HTML payloads. Never a 5xx; every HTML answer is a document with every echoed payload escaped,
 * no script but the view's own file, and the strict CSP; the process stays up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Random, seededRandom, seedFromEnv } from '@zips/test-support/prng';
import { type RawResponse, sendRaw } from '@zips/test-support/raw-http';
import { recordResult } from '@zips/test-support/results';
import { scaled } from '@zips/test-support/scale';
import { startCollectorProcess } from '../support/collector-process.js';
import { ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD, sendWorkload } from '../support/trace-view-workload.js';

const PATHS = [
  '/',
  '/search',
  '/search/',
  '/trace/{id}',
  '/trace/{id}/{piece}',
  '/static/trace-view.css',
  '/{piece}',
];
const PARAMS = [
  'service',
  'operation',
  'minDuration',
  'maxDuration',
  'lookback',
  'limit',
  'errors',
  'health',
  'start',
  'end',
  'tags',
  'uiFind',
  '__proto__',
  '',
];
const PIECES = [
  SCRIPT_PAYLOAD,
  ATTRIBUTE_PAYLOAD,
  encodeURIComponent(SCRIPT_PAYLOAD),
  encodeURIComponent(ATTRIBUTE_PAYLOAD),
  '%',
  '%E0%A4%A',
  '%00',
  '%0d%0a',
  '..%2f..%2f',
  '../',
  '{{7*7}}',
  "'",
  '"',
  'é',
  '東京',
  '🙂',
  '\u202e',
  'zips',
  'GET',
  '10ms',
  '1.2s',
  '-5s',
  '1e309s',
  '99999999999999999999h',
  '1h',
  '7d',
  '0w',
  'custom',
  '0',
  '1',
  '1000',
  '1001',
  '-1',
  'NaN',
  'on',
  '9'.repeat(40),
  'x'.repeat(3000),
];

function piece(random: Random): string {
  return Array.from({ length: 1 + random.int(3) }, () => random.pick(PIECES)).join('');
}

function traceId(random: Random, known: string[]): string {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[random.int(16)]).join('');
  return random.pick([hex, hex.toUpperCase(), hex.slice(7), `${hex}0`, random.pick(known), piece(random)]);
}

function generateTarget(random: Random, known: string[]): string {
  const path = random
    .pick(PATHS)
    .replace('{id}', () => traceId(random, known))
    .replace('{piece}', () => piece(random));
  const query = Array.from({ length: random.int(6) }, () => {
    const name = random.chance(0.9) ? random.pick(PARAMS) : piece(random);
    return `${name}=${piece(random)}`;
  }).join(random.chance(0.9) ? '&' : ';');
  // A request line cannot carry raw CR, LF or spaces.
  const target = query ? `${path}?${query}` : path;
  return target.replace(/[\r\n ]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const CSP =
  "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function problemsOf(response: RawResponse, method: string): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`status ${response.status}`);
  const type = response.headers.get('content-type') ?? '';
  // Node's HTTP parser itself refuses some request lines with a bare 400/414/431.
  if (type === '' && response.body.length === 0) return problems;
  if (/text\/html/.test(type)) {
    if (response.headers.get('content-security-policy') !== CSP) problems.push('HTML without the strict CSP');
    if (method === 'HEAD') return problems;
    const text = response.body.toString('utf8');
    if (!text.startsWith('<!doctype html>')) problems.push('text/html that is not an HTML document');
    if (text.includes(SCRIPT_PAYLOAD) || text.includes(ATTRIBUTE_PAYLOAD)) problems.push('unescaped payload');
    if (/<script(?! src="\/static\/trace-view\.js" defer><\/script>)/.test(text))
      problems.push('a foreign <script>');
    if (/\sstyle=|<style/.test(text)) problems.push('inline style');
  }
  return problems;
}

test('web trace view fuzz: hostile paths and parameters get 2xx–4xx pages with every payload escaped', {
  timeout: 180_000,
}, async (t) => {
  const seed = seedFromEnv();
  t.diagnostic(`trace view fuzz seed ${seed} (repeat with ZIPS_REL_SEED=${seed})`);
  await using collector = await startCollectorProcess();
  const ids = await sendWorkload(collector.otlpHttpUrl);
  const known = [ids.request, ids.health, ids.failure];
  const port = Number(new URL(collector.queryUrl).port);
  const random = seededRandom(seed);
  const count = scaled(1_500);
  const byStatus: Record<string, number> = {};
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = generateTarget(random, known);
    const method = random.chance(0.9) ? 'GET' : random.pick(['HEAD', 'POST', 'PUT']);
    try {
      const response = await sendRaw(port, { method, target, headers: [] });
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
      for (const problem of problemsOf(response, method))
        failures.push(`${method} ${target.slice(0, 200)} → ${problem}`);
    } catch (error) {
      failures.push(`${method} ${target.slice(0, 200)} → ${(error as Error).message}`);
    }
  }
  recordResult(t.diagnostic.bind(t), 'trace-view-fuzz', {
    seed,
    requests: count,
    byStatus,
    failures: failures.length,
  });
  assert.equal(collector.alive(), true);
  assert.ok((byStatus['200'] ?? 0) > count / 20, `some pages render (${JSON.stringify(byStatus)})`);
  assert.ok((byStatus['400'] ?? 0) > 0 && (byStatus['404'] ?? 0) > 0, 'bad input gets 400 and 404 pages');
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} bad answers (seed ${seed})`);
});
