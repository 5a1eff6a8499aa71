// Issue 5: the dashboard's frame render time, CPU and RSS with 10,000 traces and 1,000 spans/s, measured by
// benchDashboard() in bench/src/dashboard.tsx (it drives the CLI's own view models and Ink components); printed here with the other figures.
import { existsSync } from 'node:fs';
import { callExport } from '../lib/call-export.js';
import { config } from '../lib/config.js';
import { addFigures } from '../lib/figures.js';

const SECTION = 'dashboard (issue 5)';
const MODULE = 'bench/dist/dashboard.js';
const LABELS = {
  frameRenderMsP50: 'frame render p50 (10,000 traces, 1,000 spans/s)',
  frameRenderMsP99: 'frame render p99',
  rssMb: 'dashboard RSS peak',
  cpuPercent: 'dashboard CPU (100% = one core)',
  firstFrameMs: 'first frame',
  frames: 'frames measured',
  spansIngested: 'spans ingested',
};

/** @param {import('../lib/report.js').Report} report */
export async function benchDashboard(report) {
  if (!existsSync(MODULE)) {
    report.add({
      section: SECTION,
      name: 'benchDashboard()',
      value: 'not available yet',
      note: `missing ${MODULE}`,
    });
    return;
  }
  const options = config.quick ? { durationMs: 3000 } : undefined;
  const result = await callExport(MODULE, 'benchDashboard', options);
  report.raw.dashboard = result;
  addFigures(report, SECTION, result, LABELS);
}
