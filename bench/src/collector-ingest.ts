/**
 * Benchmark of the embedded collector: OTLP/HTTP ingest rate (JSON and protobuf, as the OTel JS SDK serialises
 * them) and query API latency with 10,000 traces stored. Bounded to well under 30 s. `npm run bench` calls
 * {@link benchIngest}; `node bench/dist/collector-ingest.js` prints the same figures as JSON.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { OtlpSpan } from '@zips/collector';
import { decodeTracesProtobuf, startEmbeddedCollector } from '@zips/collector';

export interface IngestBenchResult {
  /** Spans per second accepted over OTLP/HTTP JSON (100 spans per request, 4 requests in flight). */
  jsonSpansPerSec: number;
  /** Same with OTLP/HTTP protobuf. */
  protobufSpansPerSec: number;
  /** `decodeTracesProtobuf` alone, in this process, on the same bodies (no HTTP, no store). */
  protobufDecodeSpansPerSec: number;
  /** `GET /api/v3/traces?query.service_name=…&query.num_traces=20` (the dashboard's search), 10,000 traces stored. */
  queryP50Ms: number;
  queryP99Ms: number;
  /** `GET /api/v3/traces/{id}`, 10,000 traces stored. */
  getTraceP50Ms: number;
  getTraceP99Ms: number;
  /** A search matching nothing: a scan of all 10,000 traces (the worst case). */
  fullScanP50Ms: number;
}

export const SPANS_PER_BATCH = 100;
const BATCHES = 200;
const IN_FLIGHT = 4;
const INGEST_BUDGET_MS = 4_000;
const DECODE_BUDGET_MS = 2_000;
const STORED_TRACES = 10_000;
const QUERIES = 300;

export async function benchIngest(): Promise<IngestBenchResult> {
  const spans = await sdkSpans(SPANS_PER_BATCH * BATCHES);
  const batches = chunk(spans, SPANS_PER_BATCH);
  const json = batches.map((b) => JsonTraceSerializer.serializeRequest(b) as Uint8Array);
  const protobuf = batches.map((b) => ProtobufTraceSerializer.serializeRequest(b) as Uint8Array);
  const jsonSpansPerSec = await ingestRate(json, 'application/json');
  const protobufSpansPerSec = await ingestRate(protobuf, 'application/x-protobuf');
  const protobufDecodeSpansPerSec = decodeRate(protobuf);
  return { jsonSpansPerSec, protobufSpansPerSec, protobufDecodeSpansPerSec, ...(await queryLatency()) };
}

/** Decodes the bodies round after round for DECODE_BUDGET_MS (after one warm-up round); spans/s decoded. */
function decodeRate(bodies: Uint8Array[]): number {
  const buffers = bodies.map((b) => Buffer.from(b));
  for (const body of buffers) decodeTracesProtobuf(body);
  let spans = 0;
  const started = performance.now();
  while (performance.now() - started < DECODE_BUDGET_MS) {
    for (const body of buffers) spans += decodeTracesProtobuf(body).spans.length;
  }
  return Math.round(spans / ((performance.now() - started) / 1000));
}

/** Spans from the real SDK, shaped like a zips request: a server span with HTTP attributes and 4 children. */
export async function sdkSpans(count: number): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'zips', 'service.version': '0.1.0' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  const tracer = provider.getTracer('bench', '1.0.0');
  for (let i = 0; i < count / 5; i++) {
    const root = tracer.startSpan('GET /zips/:zip', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'GET',
        'url.path': `/zips/${10_000 + i}`,
        'http.response.status_code': 200,
      },
    });
    const ctx = trace.setSpan(context.active(), root);
    for (let c = 0; c < 4; c++) {
      tracer
        .startSpan(`lookup ${c}`, { attributes: { 'zips.zip': String(10_000 + i), 'zips.step': c } }, ctx)
        .end();
    }
    root.end();
  }
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  await provider.shutdown();
  return spans;
}

/** The in-process embedded collector's ingest rate; spans/s it stored. */
async function ingestRate(bodies: Uint8Array[], contentType: string): Promise<number> {
  const collector = await startEmbeddedCollector({ otlpHttpPort: 0, queryPort: 0 });
  try {
    const { spans, seconds } = await postAll(collector.otlpHttpUrl, bodies, contentType);
    return Math.round(spans / seconds);
  } finally {
    await collector.close();
  }
}

/**
 * Posts the batches to `otlpHttpUrl` round after round, IN_FLIGHT at a time, until the time budget is spent (or
 * every batch went three times); returns how many spans were accepted (HTTP 200) and in how long.
 */
export async function postAll(
  otlpHttpUrl: string,
  bodies: Uint8Array[],
  contentType: string,
  budgetMs = INGEST_BUDGET_MS,
  rounds = 3,
): Promise<{ spans: number; seconds: number }> {
  const url = new URL('/v1/traces', otlpHttpUrl);
  // node:http with keep-alive, as the OTel JS exporters send (fetch would add its own overhead to the figure).
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
  const started = performance.now();
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (performance.now() - started < budgetMs && next < bodies.length * rounds) {
      const status = await post(url, agent, bodies[next++ % bodies.length] as Uint8Array, contentType);
      if (status !== 200) throw new Error(`ingest answered HTTP ${status}`);
      accepted += SPANS_PER_BATCH;
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { spans: accepted, seconds };
}

function post(url: URL, agent: Agent, body: Uint8Array, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': contentType, 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Query latencies over HTTP with exactly STORED_TRACES traces of 5 spans in the store. */
async function queryLatency() {
  const collector = await startEmbeddedCollector({ otlpHttpPort: 0, queryPort: 0, maxTraces: STORED_TRACES });
  try {
    const ids: string[] = [];
    const now = BigInt(Date.now()) * 1_000_000n;
    for (let i = 0; i < STORED_TRACES; i++) {
      const traceId = randomBytes(16).toString('hex');
      ids.push(traceId);
      collector.store.add(
        syntheticTrace(traceId, i % 3 === 0 ? 'cli' : 'zips', now - BigInt(STORED_TRACES - i) * 1_000_000n),
      );
    }
    const min = new Date(Number(now / 1_000_000n) - 3_600_000).toISOString();
    const max = new Date(Number(now / 1_000_000n) + 60_000).toISOString();
    const search = `/api/v3/traces?query.service_name=zips&query.start_time_min=${min}&query.start_time_max=${max}&query.num_traces=20`;
    const query = await timeRequests(collector.queryUrl, () => search);
    const get = await timeRequests(
      collector.queryUrl,
      () => `/api/v3/traces/${ids[Math.floor(Math.random() * ids.length)]}`,
    );
    const scan = await timeRequests(
      collector.queryUrl,
      () => '/api/v3/traces?query.service_name=nobody',
      404,
      50,
    );
    return {
      queryP50Ms: percentile(query, 50),
      queryP99Ms: percentile(query, 99),
      getTraceP50Ms: percentile(get, 50),
      getTraceP99Ms: percentile(get, 99),
      fullScanP50Ms: percentile(scan, 50),
    };
  } finally {
    await collector.close();
  }
}

function syntheticTrace(traceId: string, service: string, start: bigint): OtlpSpan[] {
  const resource = { serviceName: service, attributes: { 'service.name': service } };
  const scope = { name: 'bench', version: undefined };
  return Array.from({ length: 5 }, (_, i) => ({
    traceId,
    spanId: randomBytes(8).toString('hex'),
    parentSpanId: undefined,
    traceState: undefined,
    name: i === 0 ? 'GET /zips/:zip' : `lookup ${i}`,
    kind: i === 0 ? 2 : 1,
    startTimeUnixNano: start + BigInt(i * 1000),
    endTimeUnixNano: start + 2_000_000n,
    attributes: { 'http.response.status_code': 200, 'url.path': '/zips/11215' },
    events: [],
    links: [],
    status: { code: 0, message: undefined },
    resource,
    scope,
  }));
}

export async function timeRequests(
  base: string,
  path: () => string,
  status = 200,
  count = QUERIES,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${base}${path()}`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (response.status !== status)
      throw new Error(`query answered HTTP ${response.status}, expected ${status}`);
  }
  return times;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round((sorted[Math.max(0, index)] as number) * 100) / 100;
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  benchIngest().then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench-ingest failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
