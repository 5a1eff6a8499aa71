/**
 * The trace-backend-down scenario: load on GET /zips/:zip while the embedded collector is stopped for a while and
 * then started again on the same port. Requests must not notice; spans queue in the SDK (up to its queue limit,
 * `OTEL_BSP_MAX_QUEUE_SIZE`, 2048 by default) and are delivered after recovery; the exporter complains once.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordResult } from '@zips/test-support/results';
import { startTestCollector, waitForCount } from './collector.js';
import { runLoad } from './load.js';
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
  // A ring large enough for every trace of the run, so received spans can be counted per second of their start.
  await using collector = await startTestCollector(2_000_000);
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
  const timeline = lossTimeline(load.perSecond, collector.spanStartTimesMs(), load.startedAtMs, perRequest);
  const back = beforeS + outageS;
  const lostIn = (from: number, to: number) =>
    timeline.sent
      .slice(from, to)
      .reduce((sum, sent, i) => sum + Math.max(0, sent - (timeline.received[from + i] ?? 0)), 0);
  // Seconds after the restart until a second's spans arrive (90 % or more) again.
  const recovered = timeline.sent.findIndex(
    (sent, i) => i >= back && (timeline.received[i] ?? 0) >= 0.9 * sent,
  );
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
    lostBeforeOutage: lostIn(0, beforeS),
    lostDuringOutage: lostIn(beforeS, back),
    lostAfterOutage: lostIn(back, timeline.sent.length),
    secondsToRecover: recovered === -1 ? null : recovered - back,
    sentPerSecond: timeline.sent,
    receivedPerSecond: timeline.received,
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
  // Before the outage only what was queued or in flight when the collector stopped may be lost (one queue).
  assert.ok(
    figures.lostBeforeOutage <= sdkQueue,
    `${figures.lostBeforeOutage} spans from before the outage were lost (queue ${sdkQueue})`,
  );
  // During the outage the SDK keeps up to its queue; after the restart export must resume within a few seconds
  // (while the full queue drains, new spans are refused: that loss is reported as lostAfterOutage).
  assert.ok(
    figures.secondsToRecover !== null && figures.secondsToRecover <= 3,
    `spans did not flow again within 3 s of the restart: ${JSON.stringify(figures.receivedPerSecond)}`,
  );
}

/** Spans sent and received per second of the run (by the second their request started). */
function lossTimeline(
  responsesPerSecond: readonly number[],
  startTimesMs: readonly number[],
  startedAtMs: number,
  perRequest: number,
): { sent: number[]; received: number[] } {
  const sent = responsesPerSecond.map((count) => count * perRequest);
  const received = sent.map(() => 0);
  for (const start of startTimesMs) {
    const second = Math.floor((start - startedAtMs) / 1000);
    if (second >= 0 && second < received.length) received[second] = (received[second] ?? 0) + 1;
  }
  return { sent, received };
}
