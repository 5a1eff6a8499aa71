/**
 * The native runtime's forwarding when its target is away: the embedded collector process forwards to a second
 * embedded collector that is not listening for `outageS` seconds while batches keep arriving; then the target
 * starts on its port. Every span must arrive there (counted by span id), none dropped, within the backlog's bound.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@zips/test-support/free-port';
import { recordResult } from '@zips/test-support/results';
import { waitFor } from '@zips/test-support/wait-for';
import { startCollectorProcess } from './collector-process.js';
import { otlpJsonBatch } from './otlp-json.js';
import { startTestCollector } from './test-collector.js';

export async function forwardOutageScenario(
  t: TestContext,
  { outageS, batchesPerS }: { outageS: number; batchesPerS: number },
) {
  const port = await freePort();
  await using collector = await startCollectorProcess(['--forward', `target=http://127.0.0.1:${port}`]);
  const url = `${collector.otlpHttpUrl}/v1/traces`;
  let sentSpans = 0;
  const started = performance.now();
  while (performance.now() - started < outageS * 1000) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: otlpJsonBatch(100, 'outage'),
    });
    assert.equal(response.status, 200);
    sentSpans += 100;
    await sleep(1000 / batchesPerS);
  }
  const stats = async () =>
    (
      (await (await fetch(`${collector.queryUrl}/api/zips/stats`)).json()) as {
        forward: {
          droppedSpans: number;
          retries: number;
          queuedSpans: number;
          queuedBytes: number;
          sentBatches: number;
        }[];
      }
    ).forward[0];
  const during = await stats();
  await using target = await startTestCollector({
    otlpHttpPort: port,
    maxTraces: 1_000_000,
    maxSpans: 1_000_000,
  });
  const recoverStarted = performance.now();
  await waitFor(
    'every span at the target',
    () => (target.store.stats().spans >= sentSpans ? true : undefined),
    120_000,
  );
  const recoveredMs = Math.round(performance.now() - recoverStarted);
  const after = await stats();
  recordResult(t.diagnostic.bind(t), `forward-outage-${outageS}s`, {
    outageS,
    sentSpans,
    receivedSpans: target.store.stats().spans,
    backlogAtRecovery: { spans: during?.queuedSpans, bytes: during?.queuedBytes, retries: during?.retries },
    droppedSpans: after?.droppedSpans,
    drainedInMs: recoveredMs,
  });
  assert.equal(target.store.stats().spans, sentSpans, 'every span arrived once');
  assert.equal(after?.droppedSpans, 0);
}
