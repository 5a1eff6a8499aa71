/**
 * Benchmark of the embedded collector's web trace view: render time of `/search` and of a 50-span `/trace/<id>`
 * with 10,000 traces stored, over real HTTP to the collector in this process. `npm run bench` calls
 * {@link benchTraceView}; `node bench/dist/trace-view.js` prints the same figures as JSON.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { OtlpSpan, SpanKind } from '@zips/collector';
import { startEmbeddedCollector } from '@zips/collector';
import { percentile } from './collector-ingest.js';

export interface TraceViewBenchResult {
  /** The first `/search` after the store filled: every trace summarised once (then cached). */
  searchFirstMs: number;
  /** `GET /search` (Jaeger UI's defaults: last hour, 20 traces), 10,000 traces of 3 spans stored. */
  searchP50Ms: number;
  searchP99Ms: number;
  /** `GET /search?errors=1&limit=100&minDuration=5ms`: a filtered search. */
  searchFilteredP50Ms: number;
  searchFilteredP99Ms: number;
  /** `GET /trace/<id>` of a 50-span trace (5 levels deep, 3 services), 10,000 traces stored. */
  trace50P50Ms: number;
  trace50P99Ms: number;
  /** Size of the 50-span trace page. */
  trace50PageKb: number;
}

const TRACES = 10_000;
const ROUTES = ['/zips/:zip', '/zips', '/:zip', '/healthz'];

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

function span(
  traceId: string,
  parent: string | undefined,
  name: string,
  service: string,
  startMs: number,
  durationMs: number,
  attributes: OtlpSpan['attributes'] = {},
  kind: SpanKind = 1,
): OtlpSpan {
  const start = BigInt(Math.round(startMs * 1e6));
  return {
    traceId,
    spanId: hex(8),
    parentSpanId: parent,
    traceState: undefined,
    name,
    kind,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(Math.round(durationMs * 1e6)),
    attributes,
    events: [],
    links: [],
    status: { code: 0, message: undefined },
    resource: { serviceName: service, attributes: { 'service.name': service, 'host.name': 'bench' } },
    scope: { name: 'bench', version: undefined },
  };
}

/** A request trace: server span with HTTP attributes, a lookup and a render child. */
function requestTrace(i: number, startMs: number): OtlpSpan[] {
  const traceId = hex(16);
  const route = ROUTES[i % ROUTES.length] as string;
  const status = i % 20 === 0 ? 500 : i % 7 === 0 ? 404 : 200;
  const duration = 1 + (i % 50) / 5;
  const root = span(
    traceId,
    undefined,
    `GET ${route}`,
    'zips',
    startMs,
    duration,
    {
      'http.request.method': 'GET',
      'http.route': route,
      'url.path': route.replace(':zip', '11215'),
      'http.response.status_code': status,
    },
    2,
  );
  return [
    root,
    span(traceId, root.spanId, 'zips.lookup', 'zips', startMs + 0.1, duration / 3, { 'zips.zip': '11215' }),
    span(traceId, root.spanId, 'zips.render', 'zips', startMs + duration / 2, duration / 3),
  ];
}

/** 50 spans, 3 services, nested up to 5 levels. */
function bigTrace(startMs: number): OtlpSpan[] {
  const traceId = hex(16);
  const spans = [span(traceId, undefined, 'GET /zips/:zip', 'zips-cli', startMs, 40, {}, 3)];
  for (let i = 1; i < 50; i++) {
    const parent = spans[Math.floor((i - 1) / 2) % spans.length] as OtlpSpan;
    const service = ['zips', 'zips-db', 'zips-cache'][i % 3] as string;
    spans.push(
      span(traceId, parent.spanId, `step ${i}`, service, startMs + i * 0.5, 2 + (i % 7), {
        'zips.step': i,
        'db.statement': 'SELECT * FROM zips WHERE zip = $1',
      }),
    );
  }
  return spans;
}

async function timeGets(url: string, count: number): Promise<{ times: number[]; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(url);
    const body = await response.arrayBuffer();
    times.push(performance.now() - started);
    bytes = body.byteLength;
    if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}`);
  }
  return { times, bytes };
}

export async function benchTraceView(): Promise<TraceViewBenchResult> {
  const collector = await startEmbeddedCollector({ otlpHttpPort: 0, queryPort: 0, maxTraces: TRACES });
  try {
    const now = Date.now();
    const big = bigTrace(now - 30_000);
    collector.store.add(big);
    for (let i = 0; i < TRACES - 1; i++) collector.store.add(requestTrace(i, now - 3_000_000 + i * 300));
    const base = collector.queryUrl;
    const first = await timeGets(`${base}/search`, 1);
    await timeGets(`${base}/search`, 20);
    const search = await timeGets(`${base}/search`, 200);
    const filtered = await timeGets(`${base}/search?errors=1&limit=100&minDuration=5ms`, 200);
    const tracePath = `${base}/trace/${big[0]?.traceId}`;
    await timeGets(tracePath, 20);
    const trace = await timeGets(tracePath, 200);
    return {
      searchFirstMs: percentile(first.times, 50),
      searchP50Ms: percentile(search.times, 50),
      searchP99Ms: percentile(search.times, 99),
      searchFilteredP50Ms: percentile(filtered.times, 50),
      searchFilteredP99Ms: percentile(filtered.times, 99),
      trace50P50Ms: percentile(trace.times, 50),
      trace50P99Ms: percentile(trace.times, 99),
      trace50PageKb: Math.round(trace.bytes / 102.4) / 10,
    };
  } finally {
    await collector.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchTraceView().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench-trace-view failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
