// Issue 11: the embedded collector against the real OpenTelemetry Collector + Jaeger v2 it stands in for (built
// from their Go modules by scripts/ci/real-stack-tools.sh), in the same run: ingest and RSS, the dashboard's
// queries with 10,000 traces stored, and request → `zips traces --tail` row. Skipped, saying why, without them.
import { renderCollectorYaml } from '../../packages/collector-config/dist/src/index.js';
import {
  realStackSkip,
  startCollector,
  startJaeger,
} from '../../packages/test-support/dist/src/real-stack.js';
import { callExport } from '../lib/call-export.js';
import { addFigures } from '../lib/figures.js';
import { benchTimeToRow } from './time-to-row.js';

const SECTION = 'real stack (issue 11)';
const MODULE = 'bench/dist/real-stack.js';
const LABELS = {
  'embedded.ingestJsonSpansPerSec': 'embedded: ingest OTLP/HTTP JSON',
  'embedded.ingestProtobufSpansPerSec': 'embedded: ingest OTLP/HTTP protobuf',
  'embedded.rssAfterIngestMb': 'embedded: RSS after ingest (1 process)',
  'embedded.searchP50Ms': 'embedded: search 20 of 10,000 p50',
  'embedded.searchP99Ms': 'embedded: search 20 of 10,000 p99',
  'embedded.getTraceP50Ms': 'embedded: get trace by id p50',
  'embedded.getTraceP99Ms': 'embedded: get trace by id p99',
  'real.ingestJsonSpansPerSec': 'Collector→Jaeger: ingest OTLP/HTTP JSON',
  'real.ingestProtobufSpansPerSec': 'Collector→Jaeger: ingest OTLP/HTTP protobuf',
  'real.rssAfterIngestMb': 'Collector→Jaeger: RSS after ingest (2 processes)',
  'real.searchP50Ms': 'Jaeger: search 20 of 10,000 p50',
  'real.searchP99Ms': 'Jaeger: search 20 of 10,000 p99',
  'real.getTraceP50Ms': 'Jaeger: get trace by id p50',
  'real.getTraceP99Ms': 'Jaeger: get trace by id p99',
  'ratios.ingestJsonEmbeddedOverReal': 'ingest JSON, embedded ÷ real',
  'ratios.ingestProtobufEmbeddedOverReal': 'ingest protobuf, embedded ÷ real',
  'ratios.rssRealOverEmbedded': 'RSS, real ÷ embedded',
  'ratios.searchP50RealOverEmbedded': 'search p50, Jaeger ÷ embedded',
  'ratios.getTraceP50RealOverEmbedded': 'get by id p50, Jaeger ÷ embedded',
};

/** @param {import('../lib/report.js').Report} report */
export async function benchRealStack(report) {
  const skipped = realStackSkip('otelcol', 'jaeger');
  if (skipped) {
    report.add({
      section: SECTION,
      name: 'embedded vs real Collector + Jaeger',
      value: 'skipped',
      note: skipped,
    });
    return;
  }
  const result = await callExport(MODULE, 'benchRealStack', undefined, 600_000);
  report.raw.realStack = result;
  addFigures(report, SECTION, result, LABELS);
  await benchTimeToRow(report, SECTION, { label: 'real Collector → Jaeger', start: startRealPipeline });
}

/** The server's spans go to the real Collector (zips' generated config), which exports to real Jaeger. */
async function startRealPipeline() {
  const jaeger = await startJaeger();
  const collector = await startCollector({
    configYaml: renderCollectorYaml({ targets: { jaeger: { endpoint: jaeger.otlpGrpcEndpoint } } }),
  });
  return {
    otlpHttp: collector.otlpHttpUrl,
    traceQuery: jaeger.queryUrl,
    stop: async () => {
      await collector.stop();
      await jaeger.stop();
    },
  };
}
