/**
 * zips' embedded collector against the real programs it stands in for, on the same machine in the same run:
 * the OpenTelemetry Collector (on the configuration zips generates) in front of Jaeger v2, both built from their
 * Go modules by scripts/ci/real-stack-tools.sh. Each side runs as its own process(es) on loopback.
 * - ingest: the same OTLP/HTTP bodies (the OTel JS SDK's JSON and protobuf serialisations), spans/s accepted, and
 *   the resident memory of the process(es) afterwards;
 * - query: the dashboard's search and get-by-id with 10,000 traces stored, p50/p99.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { renderCollectorYaml } from '@zips/collector-config';
import { freePorts } from '@zips/test-support/free-port';
import {
  type RealProcess,
  realStackSkip,
  startCollector,
  startJaeger,
  startProgram,
} from '@zips/test-support/real-stack';
import { rssMiB } from '@zips/test-support/rss';
import { waitFor } from '@zips/test-support/wait-for';
import { chunk, percentile, postAll, SPANS_PER_BATCH, sdkSpans, timeRequests } from './collector-ingest.js';

const INGEST_SPANS = 20_000;
const STORED_TRACES = 10_000;
const SPANS_PER_TRACE = 5;
const COLLECTOR_MAIN = 'packages/collector/dist/src/main.js';

interface Pipeline {
  name: 'embedded' | 'real';
  otlpHttpUrl: string;
  queryUrl: string;
  processes: RealProcess[];
  stop(): Promise<void>;
}

export interface RealStackBenchResult {
  skipped?: string;
  embedded?: SideResult;
  real?: SideResult;
  /** embedded ÷ real for each figure where higher is better (ingest), real ÷ embedded where lower is (latency). */
  ratios?: Record<string, number>;
}

interface SideResult {
  ingestJsonSpansPerSec: number;
  ingestProtobufSpansPerSec: number;
  rssAfterIngestMb: number;
  searchP50Ms: number;
  searchP99Ms: number;
  getTraceP50Ms: number;
  getTraceP99Ms: number;
}

export async function benchRealStack(): Promise<RealStackBenchResult> {
  const skipped = realStackSkip('otelcol', 'jaeger');
  if (skipped) return { skipped };
  const ingestBatches = chunk(await sdkSpans(INGEST_SPANS), SPANS_PER_BATCH);
  const bodies = {
    json: ingestBatches.map((b) => JsonTraceSerializer.serializeRequest(b) as Uint8Array),
    protobuf: ingestBatches.map((b) => ProtobufTraceSerializer.serializeRequest(b) as Uint8Array),
  };
  const stored = chunk(await sdkSpans(STORED_TRACES * SPANS_PER_TRACE), SPANS_PER_BATCH).map(
    (b) => ProtobufTraceSerializer.serializeRequest(b) as Uint8Array,
  );
  const embedded = await measure(await startEmbedded(), bodies, stored);
  const real = await measure(await startReal(), bodies, stored);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  return {
    embedded,
    real,
    ratios: {
      ingestJsonEmbeddedOverReal: ratio(embedded.ingestJsonSpansPerSec, real.ingestJsonSpansPerSec),
      ingestProtobufEmbeddedOverReal: ratio(
        embedded.ingestProtobufSpansPerSec,
        real.ingestProtobufSpansPerSec,
      ),
      rssRealOverEmbedded: ratio(real.rssAfterIngestMb, embedded.rssAfterIngestMb),
      searchP50RealOverEmbedded: ratio(real.searchP50Ms, embedded.searchP50Ms),
      getTraceP50RealOverEmbedded: ratio(real.getTraceP50Ms, embedded.getTraceP50Ms),
    },
  };
}

async function measure(
  pipeline: Pipeline,
  bodies: { json: Uint8Array[]; protobuf: Uint8Array[] },
  stored: Uint8Array[],
): Promise<SideResult> {
  try {
    const rate = async (list: Uint8Array[], type: string) => {
      const { spans, seconds } = await postAll(pipeline.otlpHttpUrl, list, type);
      return Math.round(spans / seconds);
    };
    const ingestJsonSpansPerSec = await rate(bodies.json, 'application/json');
    const ingestProtobufSpansPerSec = await rate(bodies.protobuf, 'application/x-protobuf');
    const rssAfterIngestMb = Math.round(
      pipeline.processes.reduce((sum, p) => sum + (rssMiB(p.child.pid ?? 0) ?? 0), 0),
    );
    return {
      ingestJsonSpansPerSec,
      ingestProtobufSpansPerSec,
      rssAfterIngestMb,
      ...(await queryLatency(pipeline, stored)),
    };
  } finally {
    await pipeline.stop();
  }
}

/** Loads STORED_TRACES fresh traces, waits until the last one is queryable, then times the dashboard's queries. */
async function queryLatency(pipeline: Pipeline, stored: Uint8Array[]) {
  const started = new Date(Date.now() - 3_600_000).toISOString();
  await postAll(pipeline.otlpHttpUrl, stored, 'application/x-protobuf', 120_000, 1);
  const end = new Date(Date.now() + 60_000).toISOString();
  const search = `/api/v3/traces?query.service_name=zips&query.start_time_min=${started}&query.start_time_max=${end}&query.num_traces=20`;
  const ids = await waitFor(
    `${pipeline.name}: the stored traces to be searchable`,
    async () => {
      const response = await fetch(
        `${pipeline.queryUrl}${search.replace('num_traces=20', 'num_traces=1000')}`,
      );
      if (!response.ok) return undefined;
      const body = (await response.json()) as {
        result?: { resourceSpans?: { scopeSpans?: { spans?: { traceId: string }[] }[] }[] };
      };
      const found = new Set(
        (body.result?.resourceSpans ?? []).flatMap((rs) =>
          (rs.scopeSpans ?? []).flatMap((ss) => (ss.spans ?? []).map((s) => s.traceId)),
        ),
      );
      return found.size >= 1000 ? [...found] : undefined;
    },
    60_000,
  );
  const searchTimes = await timeRequests(pipeline.queryUrl, () => search);
  const getTimes = await timeRequests(
    pipeline.queryUrl,
    () => `/api/v3/traces/${ids[Math.floor(Math.random() * ids.length)]}`,
  );
  return {
    searchP50Ms: percentile(searchTimes, 50),
    searchP99Ms: percentile(searchTimes, 99),
    getTraceP50Ms: percentile(getTimes, 50),
    getTraceP99Ms: percentile(getTimes, 99),
  };
}

/** The embedded collector as the native runtime runs it: its own process, the store sized for the traces. */
async function startEmbedded(): Promise<Pipeline> {
  const [otlp = 0, query = 0] = await freePorts(2);
  const collector = await startProgram({
    what: 'embedded collector',
    command: process.execPath,
    args: [
      COLLECTOR_MAIN,
      '--host',
      '127.0.0.1',
      '--otlp-http-port',
      String(otlp),
      '--query-port',
      String(query),
      '--max-traces',
      String(STORED_TRACES * 2),
    ],
    env: { PATH: process.env.PATH ?? '' },
    healthUrl: `http://127.0.0.1:${query}/healthz`,
  });
  return {
    name: 'embedded',
    otlpHttpUrl: `http://127.0.0.1:${otlp}`,
    queryUrl: `http://127.0.0.1:${query}`,
    processes: [collector],
    stop: async () => void (await collector.stop()),
  };
}

/** The Docker runtime's pipeline as processes: the Collector on zips' generated config, exporting to Jaeger. */
async function startReal(): Promise<Pipeline> {
  const jaeger = await startJaeger({ maxTraces: STORED_TRACES * 2 });
  const collector = await startCollector({
    configYaml: renderCollectorYaml({ targets: { jaeger: { endpoint: jaeger.otlpGrpcEndpoint } } }),
  }).catch(async (error: unknown) => {
    await jaeger.stop();
    throw error;
  });
  return {
    name: 'real',
    otlpHttpUrl: collector.otlpHttpUrl,
    queryUrl: jaeger.queryUrl,
    processes: [collector, jaeger],
    stop: async () => {
      await collector.stop();
      await jaeger.stop();
    },
  };
}
