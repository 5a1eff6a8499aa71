/**
 * The sidecar scenario of the Docker runtime, with the real Collector and the real Jaeger: `zips up --runtime docker`
 * starts the stack as users get it, load with one trace id per request runs against the app, Jaeger is stopped
 * for a while and started again, and halfway through the outage the collector container is restarted (so what it
 * has queued on disk must outlive the restart). Afterwards every request's trace is looked up in Jaeger by id.
 *
 * One thing differs from what users run, and only to make counting possible: Jaeger's in-memory store forgets
 * everything when Jaeger stops, so before the load the test recreates the Jaeger service with Jaeger's own Badger
 * (on-disk) storage, from an override file beside the generated compose file. The app, the collector and its
 * configuration are exactly what `zips up` generated.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '@zips/collector/view';
import { recordResult } from '@zips/test-support/results';
import { waitFor } from '@zips/test-support/wait-for';
import { execa } from 'execa';
import { QUEUE_VOLUME } from '../../src/stack/render-compose.js';
import { tempProject } from './cli-run.js';
import { stackDir } from './paths.js';
import { realStackImages } from './real-docker-stack.js';
import { runTracedLoad, type TracedRequest } from './traced-load.js';

export interface SidecarOutageOptions {
  connections: number;
  ratePerSecond: number;
  /** Load before the Jaeger outage, the outage, and load after it, in seconds. */
  beforeS: number;
  outageS: number;
  afterS: number;
  /** Restart the collector container halfway through the outage. */
  restartCollector: boolean;
}

/** Jaeger v2 with Badger storage in /badger (a named volume of the override, so it outlives a container stop). */
const DURABLE_JAEGER_CONFIG = `service:
  extensions: [jaeger_storage, jaeger_query, healthcheckv2]
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [jaeger_storage_exporter]
extensions:
  healthcheckv2:
    use_v2: true
    http:
      endpoint: 0.0.0.0:13133
  jaeger_query:
    storage:
      traces: durable
  jaeger_storage:
    backends:
      durable:
        badger:
          directories:
            keys: /badger/keys
            values: /badger/values
          ephemeral: false
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
processors:
  batch:
exporters:
  jaeger_storage_exporter:
    trace_storage: durable
`;

/** Test-only: root in the Jaeger container, because a new named volume belongs to root. */
const DURABLE_JAEGER_OVERRIDE = `services:
  jaeger:
    command: ["--config=/etc/jaeger/durable.yaml"]
    user: "0:0"
    volumes:
      - "./jaeger-durable.yaml:/etc/jaeger/durable.yaml:ro"
      - "jaeger-durable:/badger"
volumes:
  jaeger-durable: {}
`;

/** How long the collector may take to deliver its backlog once Jaeger is back (its retries give up after 10 min). */
const DRAIN_TIMEOUT_MS = 600_000;

/** Seconds Jaeger gets to stop before it is killed. */
const STOP_GRACE_S = 5;

interface Stack {
  name: string;
  app: string;
  ui: string;
  compose: (...args: string[]) => Promise<string>;
}

export async function sidecarOutageScenario(t: TestContext, options: SidecarOutageOptions): Promise<void> {
  await using project = await tempProject();
  const name = `zips-sidecar-${process.pid}`;
  const env = { ...realStackImages(), ZIPS_COMPOSE: 'v2', ZIPS_COMPOSE_PROJECT: name };
  try {
    const up = await project.zips(
      ['up', '--runtime', 'docker', '--port', '0', '--otlp-port', '0', '--ui-port', '0', '--json'],
      env,
      900_000,
    );
    assert.equal(up.exitCode, 0, up.stderr);
    const urls = (JSON.parse(up.stdout) as { urls: { app: string; traceQuery: string } }).urls;
    const dir = stackDir(name);
    const files = ['-f', join(dir, 'docker-compose.yml'), '-f', join(dir, 'jaeger-durable.override.yml')];
    const stack: Stack = {
      name,
      app: urls.app,
      ui: urls.traceQuery,
      compose: async (...args) => {
        const result = await execa('docker', ['compose', '-p', name, ...files, ...args], {
          env: { ...process.env, ...env },
          all: true,
        });
        return String(result.all ?? '');
      },
    };
    await writeFile(join(dir, 'jaeger-durable.yaml'), DURABLE_JAEGER_CONFIG);
    await writeFile(join(dir, 'jaeger-durable.override.yml'), DURABLE_JAEGER_OVERRIDE);
    await stack.compose('up', '-d', '--no-deps', '--wait', 'jaeger');
    await runScenario(t, stack, options).catch(async (error: unknown) => {
      // What the collector and Jaeger said, for whoever reads the failure.
      for (const service of ['otel-collector', 'jaeger']) {
        const logs = await stack.compose('logs', '--no-color', '--tail', '40', service).catch(String);
        t.diagnostic(`${service} logs:\n${logs}`);
      }
      throw error;
    });
  } finally {
    const down = await project.zips(['down', '--volumes'], env, 300_000);
    // The override's volume is not in the compose file zips recorded, so `zips down` does not know it.
    await execa('docker', ['volume', 'rm', `${name}_jaeger-durable`], { reject: false });
    assert.equal(down.exitCode, 0, down.stderr);
  }
}

async function runScenario(t: TestContext, stack: Stack, options: SidecarOutageOptions): Promise<void> {
  const { connections, ratePerSecond, beforeS, outageS, afterS } = options;
  const perRequest = await spansPerRequest(stack);
  const events: Record<string, number> = {};
  let disruption: Promise<void> = Promise.resolve();
  let queueBytes: number | undefined;
  let t0 = 0;
  const at = (label: string) => {
    events[label] = Math.round(performance.now() - t0);
  };
  const load = await runTracedLoad({
    url: `${stack.app}/zips/11215`,
    connections,
    ratePerSecond,
    // Stopping Jaeger takes a few seconds (its grace period); the outage is counted from when it is down.
    durationS: beforeS + STOP_GRACE_S + outageS + afterS,
    onStart: () => {
      t0 = performance.now();
      const sleepUntil = (ms: number) => sleep(Math.max(0, ms - (performance.now() - t0)));
      disruption = (async () => {
        await sleepUntil(beforeS * 1000);
        at('jaegerStopping');
        await stack.compose('stop', '--timeout', String(STOP_GRACE_S), 'jaeger');
        at('jaegerStopped');
        const down = events.jaegerStopped ?? 0;
        if (options.restartCollector) {
          await sleepUntil(down + (outageS * 1000) / 2);
          at('collectorRestarting');
          await stack.compose('restart', 'otel-collector');
          at('collectorRestarted');
        }
        await sleepUntil(down + outageS * 1000 - 1000);
        queueBytes = await queueVolumeBytes(stack.name);
        await sleepUntil(down + outageS * 1000);
        at('jaegerStarting');
        await stack.compose('start', 'jaeger');
        at('jaegerStarted');
      })();
    },
  });
  await disruption;
  const answered = load.requests.filter((r) => r.status === 200);
  const countStart = performance.now();
  const { found, drainedAfterS } = await countInJaeger(stack.ui, answered, perRequest);
  const countS = Math.round((performance.now() - countStart) / 100) / 10;
  const lost = answered.filter((r) => (found.get(r.traceId) ?? 0) < perRequest);
  const lostPerSecond = perSecond(lost, beforeS + STOP_GRACE_S + outageS + afterS);
  const restartWindow =
    events.collectorRestarting !== undefined && events.collectorRestarted !== undefined
      ? [events.collectorRestarting - 1000, events.collectorRestarted + 1000]
      : undefined;
  const lostInRestart = restartWindow
    ? lost.filter((r) => r.startMs >= (restartWindow[0] ?? 0) && r.startMs <= (restartWindow[1] ?? 0)).length
    : 0;
  const latencies = answered.map((r) => r.latencyMs).sort((a, b) => a - b);
  const duringOutage = answered.filter(
    (r) => r.startMs >= (events.jaegerStopping ?? 0) && r.startMs < (events.jaegerStarted ?? 0),
  );
  const figures = {
    connections,
    ratePerSecond,
    beforeS,
    outageS,
    afterS,
    requests: load.requests.length,
    answered200: answered.length,
    non200: load.requests.length - answered.length,
    requestErrors: load.errors,
    requestErrorSamples: load.errorSamples,
    achievedPerSecond: Math.round(load.requests.length / (load.elapsedMs / 1000)),
    p50Ms: Math.round((percentile(latencies, 50) ?? 0) * 10) / 10,
    p99Ms: Math.round((percentile(latencies, 99) ?? 0) * 10) / 10,
    spansPerRequest: perRequest,
    spansSent: answered.length * perRequest,
    spansCreatedDuringOutage: duringOutage.length * perRequest,
    queueVolumeBytesAtOutageEnd: queueBytes,
    queueBytesPerSpan: queueBytes ? Math.round(queueBytes / (duringOutage.length * perRequest)) : undefined,
    tracesComplete: answered.length - lost.length,
    tracesIncomplete: lost.length,
    spansLost: lost.reduce((sum, r) => sum + perRequest - (found.get(r.traceId) ?? 0), 0),
    lostInCollectorRestartWindow: lostInRestart,
    lostOutsideRestartWindow: lost.length - lostInRestart,
    lostPerSecond,
    eventsMs: events,
    secondsUntilBacklogDelivered: drainedAfterS,
    secondsToCountAfterLoad: countS,
  };
  const label = `sidecar-jaeger-down-${outageS}s${options.restartCollector ? '-collector-restart' : ''}`;
  recordResult(t.diagnostic.bind(t), label, figures);
  assert.deepEqual(
    { errors: load.errors, non200: figures.non200 },
    { errors: 0, non200: 0 },
    'requests failed while the trace backend was away',
  );
  assert.equal(
    figures.lostOutsideRestartWindow,
    0,
    `traces lost outside the collector restart: ${JSON.stringify(lostPerSecond)}`,
  );
}

/** Spans of one traced request, as Jaeger stores them (the server span and the lookup span). */
async function spansPerRequest(stack: Stack): Promise<number> {
  const load = await runTracedLoad({
    url: `${stack.app}/zips/11215`,
    connections: 1,
    ratePerSecond: 10,
    durationS: 0.1,
  });
  const [first] = load.requests;
  assert.ok(first, 'the calibration request was answered');
  return waitFor(
    'the calibration trace in Jaeger',
    async () => {
      const count = await traceSpanCount(stack.ui, first.traceId);
      return count > 0 ? count : undefined;
    },
    60_000,
  );
}

/**
 * Looks every trace up by id. The collector's queue is first in, first out, so the newest trace arriving means the
 * backlog has drained; then every trace is looked up, and the ones not complete again a few times (retried exports
 * may still be on their way).
 */
async function countInJaeger(
  ui: string,
  requests: readonly TracedRequest[],
  perRequest: number,
): Promise<{ found: Map<string, number>; drainedAfterS: number | null }> {
  const started = performance.now();
  let drainedAfterS: number | null = null;
  const newest = requests.reduce<TracedRequest | undefined>(
    (latest, r) => (latest === undefined || r.startMs > latest.startMs ? r : latest),
    undefined,
  );
  if (newest) {
    await waitFor(
      'the newest trace in Jaeger (the backlog drained)',
      async () => ((await traceSpanCount(ui, newest.traceId)) >= perRequest ? true : undefined),
      DRAIN_TIMEOUT_MS,
    ).then(
      () => {
        drainedAfterS = Math.round((performance.now() - started) / 100) / 10;
      },
      () => undefined, // what is still missing then is counted as lost below
    );
  }
  const found = new Map<string, number>();
  let pending = requests.map((r) => r.traceId);
  for (let round = 0; round < 4 && pending.length > 0; round++) {
    if (round > 0) await sleep(10_000);
    const next: string[] = [];
    for (let i = 0; i < pending.length; i += 32) {
      const batch = pending.slice(i, i + 32);
      const counts = await Promise.all(batch.map((id) => traceSpanCount(ui, id)));
      batch.forEach((id, index) => {
        const count = counts[index] ?? 0;
        found.set(id, count);
        if (count < perRequest) next.push(id);
      });
    }
    pending = next;
  }
  return { found, drainedAfterS };
}

async function traceSpanCount(ui: string, traceId: string): Promise<number> {
  const response = await fetch(`${ui}/api/v3/traces/${traceId}`);
  if (response.status === 404) return 0;
  assert.equal(response.status, 200, `Jaeger answered ${response.status} for trace ${traceId}`);
  const body = (await response.json()) as {
    result?: { resourceSpans?: { scopeSpans?: { spans?: unknown[] }[] }[] };
  };
  return (body.result?.resourceSpans ?? [])
    .flatMap((rs) => rs.scopeSpans ?? [])
    .reduce((sum, ss) => sum + (ss.spans?.length ?? 0), 0);
}

/** Size of the collector's queue volume on disk, read by a throwaway container of the base image. */
async function queueVolumeBytes(project: string): Promise<number | undefined> {
  const result = await execa(
    'docker',
    [
      'run',
      '--rm',
      '-v',
      `${project}_${QUEUE_VOLUME}:/queue:ro`,
      realStackImages().ZIPS_BASE_IMAGE ?? '',
      'du',
      '-sb',
      '/queue',
    ],
    { reject: false },
  );
  const bytes = Number(String(result.stdout).split('\t')[0]);
  return result.exitCode === 0 && Number.isFinite(bytes) ? bytes : undefined;
}

function perSecond(requests: readonly TracedRequest[], seconds: number): number[] {
  const counts = Array.from({ length: seconds + 1 }, () => 0);
  for (const r of requests) {
    const second = Math.min(seconds, Math.floor(r.startMs / 1000));
    counts[second] = (counts[second] ?? 0) + 1;
  }
  return counts;
}
