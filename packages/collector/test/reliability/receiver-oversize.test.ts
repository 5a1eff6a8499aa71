import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scaled } from '@zips/test-support/scale';
import { startCollectorProcess } from '../support/collector-process.js';
import { curlMissing, oversizeScenario, slowReaderUpload } from '../support/oversize-curl.js';

test('64 MB bodies from curl, declared and chunked: every attempt sees 413, none a reset', {
  skip: curlMissing,
  timeout: 120_000,
}, async (t) => {
  await oversizeScenario(t, scaled(5));
});

test('a client still sending an oversize body when the 413 is written can read it (no reset)', {
  timeout: 60_000,
}, async (t) => {
  await using collector = await startCollectorProcess(['--max-body-bytes', String(1024 * 1024)]);
  const outcomes: string[] = [];
  for (let i = 0; i < scaled(5); i++) {
    const { status, error } = await slowReaderUpload(`${collector.otlpHttpUrl}/v1/traces`, 500);
    outcomes.push(status === undefined ? `no answer (${error})` : String(status));
  }
  t.diagnostic(`outcomes: ${outcomes.join(', ')}`);
  assert.deepEqual(new Set(outcomes), new Set(['413']));
});
