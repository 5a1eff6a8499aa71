/**
 * The embedded collector's query API under generated input (seeded; `ZIPS_REL_SEED` repeats a run): Jaeger api/v3
 * paths and FindTraces parameters with malformed timestamps, durations, limits and trace ids. Every answer must be
 * JSON, never a 5xx, and the process must stay up.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Random, seededRandom, seedFromEnv } from '@zips/test-support/prng';
import { sendRaw } from '@zips/test-support/raw-http';
import { recordResult } from '@zips/test-support/results';
import { scaled } from '@zips/test-support/scale';
import { startCollectorProcess } from '../support/collector-process.js';
import { otlpJsonBatch } from '../support/otlp-json.js';
import { post } from '../support/receiver-abuse.js';

const PATHS = [
  '/api/v3/services',
  '/api/v3/operations',
  '/api/v3/traces',
  '/api/v3/traces/{id}',
  '/api/zips/stats',
  '/healthz',
];
const PARAMS = [
  'query.service_name',
  'query.serviceName',
  'query.operation_name',
  'query.start_time_min',
  'query.startTimeMax',
  'query.duration_min',
  'query.durationMax',
  'query.search_depth',
  'query.num_traces',
  'query.raw_traces',
  'service',
  'span_kind',
  'start_time',
  'end_time',
  '__proto__',
];
const VALUES = [
  '',
  'flood',
  '2026-01-31T12:00:00.000Z',
  '2026-13-45T99:99:99Z',
  '2026-01-31T12:00:00.1234567890123Z',
  '9999-12-31T23:59:59.999999999+14:00',
  '0000-01-01T00:00:00Z',
  '1ms',
  '-5s',
  '1e309s',
  '99999999999999999999h',
  '1.5.5m',
  'NaN',
  '0',
  '-1',
  '1001',
  '18446744073709551616',
  'true',
  'TRUE',
  'yes',
  '%',
  '%E0%A4%A',
  '%00',
  '🙂',
  '<script>',
];

function generateTarget(random: Random): string {
  const path = random.pick(PATHS).replace('{id}', () => traceId(random));
  const query = Array.from(
    { length: random.int(5) },
    () => `${random.pick(PARAMS)}=${random.pick(VALUES)}`,
  ).join('&');
  const target = random.chance(0.1) ? `/api/v3/${random.pick(VALUES)}` : path;
  return query ? `${target}?${query}` : target;
}

function traceId(random: Random): string {
  const hex = Array.from({ length: 32 }, () => '0123456789abcdef'[random.int(16)]).join('');
  return random.pick([hex, hex.toUpperCase(), hex.slice(1), `${hex}00`, '0'.repeat(32), random.pick(VALUES)]);
}

test('query API fuzz: generated paths and parameters get JSON answers, never a 5xx', {
  timeout: 120_000,
}, async (t) => {
  const seed = seedFromEnv();
  t.diagnostic(`query API fuzz seed ${seed} (repeat with ZIPS_REL_SEED=${seed})`);
  await using collector = await startCollectorProcess();
  const stored = await post(`${collector.otlpHttpUrl}/v1/traces`, otlpJsonBatch(50), {
    'content-type': 'application/json',
  });
  assert.equal(stored.status, 200);
  const port = Number(new URL(collector.queryUrl).port);
  const random = seededRandom(seed);
  const count = scaled(2_000);
  const byStatus: Record<string, number> = {};
  const failures: string[] = [];
  for (let i = 0; i < count; i++) {
    const target = generateTarget(random);
    const method = random.chance(0.9) ? 'GET' : random.pick(['HEAD', 'POST', 'DELETE']);
    try {
      const response = await sendRaw(port, { method, target, headers: [] });
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
      if (response.status >= 500) failures.push(`${method} ${target} → ${response.status}`);
      // Node's HTTP parser itself refuses some request lines (raw non-ASCII bytes) with a bare 400.
      const parserReject =
        response.status === 400 && response.body.length === 0 && !response.headers.has('content-type');
      if (method !== 'HEAD' && !parserReject) JSON.parse(response.body.toString('utf8'));
    } catch (error) {
      failures.push(`${method} ${target} → ${(error as Error).message}`);
    }
  }
  recordResult(t.diagnostic.bind(t), 'query-api-fuzz', {
    seed,
    requests: count,
    byStatus,
    failures: failures.length,
  });
  assert.equal(collector.alive(), true);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} bad answers (seed ${seed})`);
});
