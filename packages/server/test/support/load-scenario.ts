/** The load scenario (GET /zips/:zip, telemetry on), shared by the full run and the CI subset. */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { recordResult } from '@zips/test-support/results';
import { startTestCollector, waitForCount } from './collector.js';
import { runLoad } from './load.js';
import { sampleRss } from './proc-stats.js';
import { startZipsServer, telemetryEnv } from './server-process.js';
import { spansPerRequest } from './spans-per-request.js';

export interface LoadScenarioOptions {
  connections: number;
  durationS: number;
}

export async function loadScenario(
  t: TestContext,
  { connections, durationS }: LoadScenarioOptions,
): Promise<void> {
  await using collector = await startTestCollector();
  await using server = await startZipsServer(telemetryEnv(collector.otlpHttpUrl));
  const perRequest = await spansPerRequest(server.baseUrl, collector);
  const before = collector.receivedSpans();
  const rss = sampleRss(server.pid);
  const load = await runLoad({ url: `${server.baseUrl}/zips/11215`, connections, durationS });
  const samples = rss.stop();
  const expected = load.responses * perRequest;
  // SIGTERM flushes the SDK's queue before exit, so once the server is gone every span it will ever send is counted.
  // (A response autocannon cut off at the end was still answered, so a few more spans than responses may arrive.)
  const exit = await server.stop('SIGTERM');
  const exitFigures = { exitCode: exit.code, exitMs: exit.ms };
  const received = await waitForCount(() => collector.receivedSpans() - before, expected, 2_000);
  const figures = {
    connections,
    durationS,
    ...load,
    ...exitFigures,
    spansPerRequest: perRequest,
    spansExpected: expected,
    spansReceived: received,
    rssStartMiB: samples[0],
    // After a quarter of the run the heap has grown to its working size; from there RSS should stay flat.
    rssWarmMiB: samples[Math.floor(samples.length / 4)],
    rssEndMiB: samples.at(-1),
    rssMaxMiB: Math.max(...samples),
    telemetryErrorLines: server
      .stderr()
      .split('\n')
      .filter((line) => line.startsWith('zips telemetry:')).length,
  };
  recordResult(t.diagnostic.bind(t), `load-${durationS}s`, figures);
  assert.equal(
    exit.code,
    0,
    `the server did not exit cleanly after the load: ${server.stderr().slice(-1500)}`,
  );
  assert.deepEqual(
    { errors: load.errors, timeouts: load.timeouts, non2xx: load.non2xx },
    { errors: 0, timeouts: 0, non2xx: 0 },
  );
  assert.ok(received >= expected, `spans lost under load: ${received} received of ${expected}`);
  assert.ok(
    (figures.rssEndMiB ?? 0) < 1.5 * (figures.rssWarmMiB ?? 0),
    `RSS grew from ${figures.rssWarmMiB} MiB (a quarter into the run) to ${figures.rssEndMiB} MiB`,
  );
}
