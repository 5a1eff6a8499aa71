// Issues 4 and 5: the embedded collector's ingest rate and query latency (benchIngest() of the CLI package, run
// in its own process), and time-to-row: from a request to the zips server until its trace is queryable through
// the api/v3 query API of the embedded collector, as in the native runtime.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { callExport } from '../lib/call-export.js';
import { startNode } from '../lib/child.js';
import { config } from '../lib/config.js';
import { addFigures } from '../lib/figures.js';
import { freePort } from '../lib/free-port.js';
import { median } from '../lib/timed-exec.js';
import { baseEnv } from './server-variants.js';

const SECTION = 'collector (issues 4, 5)';
const INGEST = 'packages/cli/dist/src/collector/bench-ingest.js';
const COLLECTOR = 'packages/cli/dist/src/collector/index.js';
const SERVER = 'packages/server/dist/src/main.js';
const REGISTER = './packages/server/dist/src/telemetry/register.js';
const ROW_TIMEOUT_MS = 10_000;
const INGEST_LABELS = {
  jsonSpansPerSec: 'ingest OTLP/HTTP JSON',
  protobufSpansPerSec: 'ingest OTLP/HTTP protobuf',
  queryP50Ms: 'search 20 of 10,000 traces p50',
  queryP99Ms: 'search 20 of 10,000 traces p99',
  getTraceP50Ms: 'get trace by id p50 (10,000 stored)',
  getTraceP99Ms: 'get trace by id p99 (10,000 stored)',
  fullScanP50Ms: 'search matching nothing p50 (full scan)',
};

/** @param {import('../lib/report.js').Report} report */
export async function benchCollector(report) {
  await ingest(report);
  await timeToRow(report);
}

async function ingest(report) {
  if (!existsSync(INGEST)) {
    report.add({
      section: SECTION,
      name: 'benchIngest()',
      value: 'not available yet',
      note: `missing ${INGEST}`,
    });
    return;
  }
  const result = await callExport(INGEST, 'benchIngest');
  report.raw.ingest = result;
  addFigures(report, SECTION, result, INGEST_LABELS);
}

async function timeToRow(report) {
  const missing = [COLLECTOR, SERVER, REGISTER, 'data/zips.json'].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    report.add({
      section: SECTION,
      name: 'time to row',
      value: 'not available yet',
      note: `missing ${missing.join(', ')}`,
    });
    return;
  }
  const collector = await startNode({
    name: 'embedded collector',
    args: ['bench/embedded-collector.js'],
    readyJsonLine: true,
  });
  let server;
  try {
    const { otlpHttp, traceQuery } = collector.ready;
    server = await startServer(otlpHttp);
    const times = [];
    for (let i = 0; i < config.rowRuns; i++) {
      // A random pause samples every phase of the exporter's 200 ms batch timer instead of locking onto one.
      await sleep(Math.random() * 250);
      times.push(await oneRow(server.url, traceQuery));
    }
    report.raw.timeToRowMs = times;
    const add = (name, value) =>
      report.add({
        section: SECTION,
        name,
        value,
        unit: 'ms',
        goal: { op: '<', target: 1500 },
        note: 'request → trace with its server span queryable via /api/v3/traces/{id}; OTEL_BSP_SCHEDULE_DELAY=200',
      });
    add('time to row (median)', median(times));
    add('time to row (worst)', Math.max(...times));
  } finally {
    await server?.stop();
    await collector.stop();
  }
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

/** @returns {Promise<number>} ms from sending the request until the query API returns its trace with the server span */
async function oneRow(appUrl, traceQuery) {
  const traceId = randomBytes(16).toString('hex');
  const traceparent = `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
  const started = performance.now();
  const res = await fetch(`${appUrl}/zips/11215`, { headers: { traceparent } });
  await res.arrayBuffer();
  while (performance.now() - started < ROW_TIMEOUT_MS) {
    const found = await fetch(`${traceQuery}/api/v3/traces/${traceId}`);
    if (found.ok && hasServerSpan(await found.json())) return performance.now() - started;
    if (!found.ok) await found.arrayBuffer();
    await sleep(10);
  }
  throw new Error(`trace ${traceId} not queryable at ${traceQuery} within ${ROW_TIMEOUT_MS} ms`);
}

function hasServerSpan(body) {
  for (const rs of body.result?.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? []) if (span.kind === 2 || span.kind === 'SPAN_KIND_SERVER') return true;
  return false;
}
