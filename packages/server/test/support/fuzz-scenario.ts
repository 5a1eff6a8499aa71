/** The fuzz scenario, shared by the full run (`fuzz.rel`) and the CI subset (`fuzz.test`). */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { seedFromEnv } from '@zips/test-support/prng';
import { sendRaw } from '@zips/test-support/raw-http';
import { recordResult } from '@zips/test-support/results';
import { startTestCollector } from './collector.js';
import { runFuzz } from './fuzz-run.js';
import { rssMiB } from './proc-stats.js';
import { startZipsServer, telemetryEnv } from './server-process.js';

export async function fuzzScenario(t: TestContext, count: number): Promise<void> {
  const seed = seedFromEnv();
  t.diagnostic(`fuzz seed ${seed} (repeat with ZIPS_REL_SEED=${seed})`);
  await using collector = await startTestCollector();
  await using server = await startZipsServer(telemetryEnv(collector.otlpHttpUrl));
  const rssStart = rssMiB(server.pid);
  const started = performance.now();
  const summary = await runFuzz({ port: server.port, count, seed });
  const seconds = (performance.now() - started) / 1000;
  const health = await sendRaw(server.port, { method: 'GET', target: '/healthz', headers: [] });
  const internalErrors = server
    .stderr()
    .split('\n')
    .filter((line) => /internal error/i.test(line));
  recordResult(t.diagnostic.bind(t), `fuzz-${count}`, {
    seed,
    requests: summary.sent,
    seconds: Math.round(seconds),
    byStatus: summary.byStatus,
    failures: summary.failures.length,
    internalErrorLines: internalErrors.length,
    alive: server.alive(),
    rssStartMiB: rssStart,
    rssEndMiB: rssMiB(server.pid),
  });
  for (const failure of summary.failures.slice(0, 15)) t.diagnostic(`FAIL ${JSON.stringify(failure)}`);
  assert.equal(
    server.alive(),
    true,
    `the server died during the fuzz run (seed ${seed}):\n${server.stderr().slice(-2000)}`,
  );
  assert.equal(health.status, 200, '/healthz after the fuzz run');
  assert.deepEqual(internalErrors, [], `the server logged internal errors (seed ${seed})`);
  assert.equal(
    summary.failures.length,
    0,
    `${summary.failures.length} malformed or 5xx responses (seed ${seed}); first: ${JSON.stringify(summary.failures.slice(0, 3), null, 1)}`,
  );
}
