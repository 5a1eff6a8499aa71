// `npm run bench`: every performance figure of zips with its goal, measured against baselines in the same run.
// Usage: node bench/run.js [server|cli|collector|dashboard|trace-view|real-stack]...   (BENCH_QUICK=1 for a ~30 s smoke run)
// Exit code: 0 whatever the figures (this is a report); 1 when a section itself broke; 2 for a bad argument.
import { cpus } from 'node:os';
import { config } from './lib/config.js';
import { Report } from './lib/report.js';
import { benchCli } from './sections/cli.js';
import { benchCollector } from './sections/collector.js';
import { benchDashboard } from './sections/dashboard.js';
import { benchRealStack } from './sections/real-stack.js';
import { benchServer } from './sections/server.js';
import { benchTraceView } from './sections/trace-view.js';

const SECTIONS = {
  server: benchServer,
  cli: benchCli,
  collector: benchCollector,
  dashboard: benchDashboard,
  'trace-view': benchTraceView,
  'real-stack': benchRealStack,
};
const RESULTS = 'bench/results/latest.json';

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown section ${unknown.join(', ')}; expected one of: ${Object.keys(SECTIONS).join(', ')}\n`,
  );
  process.exitCode = 2;
} else {
  // Paths in the sections are relative to the repo root, wherever the bench is started from.
  process.chdir(new URL('..', import.meta.url).pathname);
  const report = new Report();
  process.stderr.write(
    `bench: ${config.quick ? 'QUICK ' : ''}node ${process.version}, ${cpus().length} cpus, ${config.rounds} round(s) of ${config.duration} s\n`,
  );
  for (const name of wanted.length > 0 ? wanted : Object.keys(SECTIONS)) {
    const started = Date.now();
    try {
      await SECTIONS[name](report);
    } catch (error) {
      report.fail(name, error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.stderr.write(`bench: ${name} took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  report.print();
  report.write(RESULTS);
  process.stdout.write(`\nwritten ${RESULTS}\n`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}
