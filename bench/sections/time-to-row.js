// Issue 5's time-to-row in the native runtime's set-up: the zips server with its telemetry exporting to the
// embedded collector (its own process) with OTEL_BSP_SCHEDULE_DELAY=200, as `zips up` starts them. We time
// (1) a request carrying a known traceparent until GET /api/v3/traces/{id} returns it with its server span, and
// (2) a request without one (the only traffic to this server) until `zips traces --tail --json` prints a new line
// (a trace is printed once it has settled).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNode } from '../lib/child.js';
import { config } from '../lib/config.js';
import { freePort } from '../lib/free-port.js';
import { median } from '../lib/timed-exec.js';
import { startTraceTail } from '../lib/trace-tail.js';
import { baseEnv } from './server-variants.js';

const COLLECTOR = 'packages/collector/dist/src/index.js';
const SERVER = 'packages/server/dist/src/main.js';
const REGISTER = './packages/server/dist/src/telemetry/register.js';
const CLI = resolve('packages/cli/bin/zips.js');
const TIMEOUT_MS = 10_000;

/**
 * @typedef {{ otlpHttp: string, traceQuery: string, stop(): Promise<void> }} TracePipeline
 * @param {import('../lib/report.js').Report} report
 * @param {string} section
 * @param {{ label?: string, start?: () => Promise<TracePipeline> }} [pipeline] default: the embedded collector
 */
export async function benchTimeToRow(report, section, pipeline = {}) {
  const missing = [COLLECTOR, SERVER, REGISTER, 'data/zips.json'].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    report.add({
      section,
      name: 'time to row',
      value: 'not available yet',
      note: `missing ${missing.join(', ')}`,
    });
    return;
  }
  const cwd = mkdtempSync(join(tmpdir(), 'zips-bench-row-'));
  const collector = await (pipeline.start ?? startEmbedded)();
  let server;
  let tail;
  try {
    const { otlpHttp, traceQuery } = collector;
    server = await startServer(otlpHttp);
    tail = startTraceTail(CLI, traceQuery, cwd);
    const runs = [];
    for (let i = 0; i < config.rowRuns; i++) {
      // A random pause samples every phase of the exporter's 200 ms timer and the tail's poll instead of one.
      await sleep(Math.random() * 500);
      runs.push(await oneRequest(server.url, traceQuery, tail));
    }
    report.raw[`timeToRow${pipeline.label ?? ''}`] = runs;
    summarise(report, section, runs, pipeline.label);
  } finally {
    await tail?.stop();
    await server?.stop();
    await collector.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** @returns {Promise<TracePipeline>} the embedded collector in its own process, as the native runtime runs it */
async function startEmbedded() {
  const collector = await startNode({
    name: 'embedded collector',
    args: ['bench/embedded-collector.js'],
    readyJsonLine: true,
  });
  return { ...collector.ready, stop: () => collector.stop() };
}

async function startServer(otlpHttp) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...baseEnv(port), OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttp, OTEL_BSP_SCHEDULE_DELAY: '200' };
  const child = await startNode({
    name: 'zips server (c)',
    args: ['--import', REGISTER, SERVER],
    env,
    readyUrl: `${url}/readyz`,
  });
  return { ...child, url };
}

/** Ids of the traceparent requests, which must not be mistaken for the next tail line. */
const remoteParented = new Set();

/** @returns {Promise<{ traceId: string, queryableMs: number, tailLineMs: number }>} each from sending its request */
async function oneRequest(appUrl, traceQuery, tail) {
  const traceId = randomBytes(16).toString('hex');
  remoteParented.add(traceId);
  const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  let started = performance.now();
  await get(`${appUrl}/zips/11215`, { traceparent });
  const queryableMs = (await queryable(traceQuery, traceId, started)) - started;
  const from = tail.count;
  started = performance.now();
  await get(`${appUrl}/zips/11215`);
  const tailLineMs = (await tail.waitForLine(from, remoteParented, TIMEOUT_MS)) - started;
  return { traceId, queryableMs, tailLineMs };
}

async function get(url, headers = {}) {
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
}

async function queryable(traceQuery, traceId, started) {
  while (performance.now() - started < TIMEOUT_MS) {
    const found = await fetch(`${traceQuery}/api/v3/traces/${traceId}`);
    const body = found.ok ? await found.json() : await found.arrayBuffer();
    if (found.ok && hasServerSpan(body)) return performance.now();
    await sleep(10);
  }
  throw new Error(`trace ${traceId} not queryable at ${traceQuery} within ${TIMEOUT_MS} ms`);
}

function hasServerSpan(body) {
  for (const rs of body.result?.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? []) if (span.kind === 2 || span.kind === 'SPAN_KIND_SERVER') return true;
  return false;
}

function summarise(report, section, runs, label) {
  const add = (plainName, values, note) => {
    const name = label ? `${plainName}, ${label}` : plainName;
    report.add({
      section,
      name: `${name} (median)`,
      value: median(values),
      unit: 'ms',
      goal: { op: '<', target: 1500 },
      note,
    });
    report.add({
      section,
      name: `${name} (worst)`,
      value: Math.max(...values),
      unit: 'ms',
      goal: { op: '<', target: 1500 },
    });
  };
  add(
    'time to queryable',
    runs.map((r) => r.queryableMs),
    'request → GET /api/v3/traces/{id} has its server span; OTEL_BSP_SCHEDULE_DELAY=200',
  );
  add(
    'time to `zips traces --tail --json` line',
    runs.map((r) => r.tailLineMs),
    'printed once the trace has settled; the dashboard polls every 500 ms and shows unsettled traces',
  );
}
