// Issues 4 and 5: the embedded collector's ingest rate and query latency (benchIngest() in bench/src/collector-ingest.ts, run
// in its own process), and time-to-row (time-to-row.js).
import { existsSync } from 'node:fs';
import { callExport } from '../lib/call-export.js';
import { addFigures } from '../lib/figures.js';
import { benchTimeToRow } from './time-to-row.js';

const SECTION = 'collector (issues 4, 5)';
const INGEST = 'bench/dist/collector-ingest.js';
const INGEST_LABELS = {
  jsonSpansPerSec: 'ingest OTLP/HTTP JSON',
  protobufSpansPerSec: 'ingest OTLP/HTTP protobuf',
  protobufDecodeSpansPerSec: 'decode OTLP protobuf (in-process, no HTTP)',
  queryP50Ms: 'search 20 of 10,000 traces p50',
  queryP99Ms: 'search 20 of 10,000 traces p99',
  getTraceP50Ms: 'get trace by id p50 (10,000 stored)',
  getTraceP99Ms: 'get trace by id p99 (10,000 stored)',
  fullScanP50Ms: 'search matching nothing p50 (full scan)',
};

/** @param {import('../lib/report.js').Report} report */
export async function benchCollector(report) {
  await ingest(report);
  await benchTimeToRow(report, SECTION);
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
