// Issue 13: render time of the embedded collector's web trace view with 10,000 traces stored
// (benchTraceView() in bench/src/trace-view.ts, run in its own process).
import { existsSync } from 'node:fs';
import { callExport } from '../lib/call-export.js';
import { addFigures } from '../lib/figures.js';

const SECTION = 'trace view (issue 13)';
const MODULE = 'bench/dist/trace-view.js';
const LABELS = {
  searchFirstMs: '/search, first after filling the store (summaries computed)',
  searchP50Ms: '/search p50 (last hour, 20 of 10,000 traces)',
  searchP99Ms: '/search p99',
  searchFilteredP50Ms: '/search?errors=1&limit=100&minDuration=5ms p50',
  searchFilteredP99Ms: '/search?errors=1&limit=100&minDuration=5ms p99',
  trace50P50Ms: '/trace/<id> of 50 spans p50 (10,000 stored)',
  trace50P99Ms: '/trace/<id> of 50 spans p99',
  trace50PageKb: 'size of that page (kB)',
};

/** @param {import('../lib/report.js').Report} report */
export async function benchTraceView(report) {
  if (!existsSync(MODULE)) {
    report.add({
      section: SECTION,
      name: 'benchTraceView()',
      value: 'not available yet',
      note: `missing ${MODULE}`,
    });
    return;
  }
  const result = await callExport(MODULE, 'benchTraceView');
  report.raw.traceView = result;
  addFigures(report, SECTION, result, LABELS);
}
