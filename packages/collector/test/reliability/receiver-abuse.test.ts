/**
 * The embedded receiver under abuse, as the real collector process: oversize and bomb bodies (413), truncated or
 * false gzip and malformed JSON/protobuf (400), wrong content types and encodings (415), and a flood far beyond its
 * ring buffer (memory bounded, drops counted in /api/zips/stats). It must stay up and answer JSON throughout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordResult } from '@zips/test-support/results';
import { scaled } from '@zips/test-support/scale';
import { startCollectorProcess } from '../support/collector-process.js';
import { floodScenario } from '../support/flood.js';
import { abuseCases, post } from '../support/receiver-abuse.js';

const MAX_BODY = 1024 * 1024;

test('receiver abuse: each bad request gets its 4xx with a JSON message; the collector stays up', {
  timeout: 60_000,
}, async (t) => {
  await using collector = await startCollectorProcess(['--max-body-bytes', String(MAX_BODY)]);
  const seen: Record<string, number> = {};
  for (const c of abuseCases(MAX_BODY)) {
    await t.test(c.name, async () => {
      const response = await post(`${collector.otlpHttpUrl}/v1/traces`, c.body, c.headers);
      seen[c.name] = response.status;
      assert.equal(response.status, c.status, response.text);
      // The receiver answers in the encoding of the request: a JSON or a protobuf google.rpc.Status.
      if (c.headers['content-type'] === 'application/x-protobuf') {
        assert.equal(response.type, 'application/x-protobuf');
        assert.ok(response.text.length > 10, 'a Status message naming the problem');
        return;
      }
      assert.match(response.type ?? '', /json/);
      const message = (JSON.parse(response.text) as { message?: string }).message ?? '';
      assert.ok(message.length > 10, `a message naming the problem: ${response.text}`);
    });
  }
  const health = await fetch(`${collector.queryUrl}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(collector.alive(), true);
  assert.doesNotMatch(collector.stderr(), /internal error/);
  recordResult(t.diagnostic.bind(t), 'receiver-abuse', { statuses: seen });
});

test('receiver flood beyond the ring buffer: bounded memory, every drop counted', {
  timeout: 180_000,
}, async (t) => {
  await floodScenario(t, { maxTraces: 1_000, batches: scaled(40) });
});
