/**
 * The trace-backend-down scenario: load on GET /zips/:zip while the embedded collector is stopped for a while and
 * then started again on the same port. Requests must not notice; spans queue in the SDK (up to its queue limit,
 * `OTEL_BSP_MAX_QUEUE_SIZE`, 2048 by default) and are delivered after recovery; the exporter complains once.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestCollector, waitForCount } from './collector.js';
import { runLoad } from './load.js';
import { recordResult } from './results.js';
import { startZipsServer, telemetryEnv } from './server-process.js';
import { spansPerRequest } from './spans-per-request.js';

export interface BackendDownOptions {
  connections: number;
  /** Load before the outage, the outage, and load after it, in seconds. */
  beforeS: number;
  outageS: number;
  afterS: number;
  /** Extra OTEL_* settings for the server, e.g. a larger `OTEL_BSP_MAX_QUEUE_SIZE`. @default {} */
  serverEnv?: Record<string, string>;
}

/** The SDK's default span queue (BatchSpanProcessor maxQueueSize). */
const DEFAULT_SDK_QUEUE = 2048;

export async function backendDownScenario(t: TestContext, options: BackendDownOptions): Promise<void> {
  const { connections, beforeS, outageS, afterS, serverEnv = {} } = options;
  const sdkQueue = Number(serverEnv.OTEL_BSP_MAX_QUEUE_SIZE ?? DEFAULT_SDK_QUEUE);
  await using collector = await startTestCollector();
  await using server = await startZipsServer(telemetryEnv(collector.otlpHttpUrl, serverEnv));
  const perRequest = await spansPerRequest(server.baseUrl, collector);
  const before = collector.receivedSpans();
  let outage: Promise<void> = Promise.resolve();
  const load = await runLoad({
    url: `${server.baseUrl}/zips/11215`,
    connections,
    durationS: beforeS + outageS + afterS,
    windows: [beforeS, beforeS + outageS],
    onStart: () => {
      outage = (async () => {
        await sleep(beforeS * 1000);
        await collector.stop();
        await sleep(outageS * 1000);
        await collector.restart();
      })();
    },
  });
  await outage;
  const expected = load.responses * perRequest;
  // SIGTERM flushes the SDK's queue before exit, so once the server is gone every span it will ever send is counted.
  // (A response autocannon cut off at the end was still answered, so a few more spans than responses may arrive.)
  const exit = await server.stop('SIGTERM');
  const exitFigures = { exitCode: exit.code, exitMs: exit.ms };
  const received = await waitForCount(() => collector.receivedSpans() - before, expected, 2_000);
  const complaints = server
    .stderr()
    .split('\n')
    .filter((line) => line.startsWith('zips telemetry:'));
  const [pre, down, post] = load.windows;
  const figures = {
    connections,
    beforeS,
    outageS,
    afterS,
    ...load,
    ...exitFigures,
    spansPerRequest: perRequest,
    spansSent: expected,
    spansReceived: received,
    spansLost: Math.max(0, expected - received),
    spansCreatedDuringOutage: (down?.responses ?? 0) * perRequest,
    sdkQueue,
    exporterComplaintLines: complaints.length,
    exporterComplaints: complaints.map((line) => line.slice(0, 200)),
    p99BeforeMs: pre?.p99Ms,
    p99OutageMs: down?.p99Ms,
    p99AfterMs: post?.p99Ms,
  };
  recordResult(t.diagnostic.bind(t), `backend-down-${outageS}s-queue-${sdkQueue}`, figures);
  assert.equal(
    exit.code,
    0,
    `the server did not exit cleanly after the outage: ${server.stderr().slice(-1500)}`,
  );
  assert.deepEqual(
    { errors: load.errors, timeouts: load.timeouts, non2xx: load.non2xx },
    { errors: 0, timeouts: 0, non2xx: 0 },
    'requests failed while the trace backend was down',
  );
  assert.ok(
    complaints.length <= 3,
    `the exporter complained ${complaints.length} times:\n${complaints.join('\n')}`,
  );
  // Spans created during the outage are kept only up to the SDK queue; around its edges up to one more queue's
  // worth can go (the batch in flight when the collector stopped, spans refused while the full queue drains after
  // recovery). Anything beyond that means the exporter did not recover.
  const mustArrive = expected - figures.spansCreatedDuringOutage - sdkQueue;
  assert.ok(
    received >= mustArrive,
    `spans lost beyond the outage and one SDK queue: ${received} received, at least ${mustArrive} expected (${expected} sent)`,
  );
}
