/** `zips status`: each service, its state and health, and the URLs; `--json` for scripts; exit 4 when not running. */
import { StackNotRunningError } from '../errors.js';
import { paint } from '../output/style.js';
import { stackStatus } from '../runtime/stack-control.js';
import type { ServiceStatus } from '../runtime/stack-plan.js';
import { findProjectRoot } from '../state/paths.js';
import type { RecordedStackState } from '../state/stack-state.js';
import { readStackState } from '../state/state-file.js';
import { traceUiKind } from './lookup/trace-link.js';
import type { StatusOptions } from './options.js';

export interface StatusReport {
  running: boolean;
  runtime?: RecordedStackState['runtime'];
  startedAt?: string;
  urls?: RecordedStackState['urls'];
  targets?: RecordedStackState['targets'];
  services: ServiceStatus[];
}

/** Prints the report; exits 4 (stack not running) when nothing runs, as `lookup` and `logs` do, after printing. */
export async function status(options: StatusOptions): Promise<void> {
  const root = findProjectRoot();
  const state = await readStackState(root);
  const report: StatusReport = state ? await reportFor(state, root) : { running: false, services: [] };
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.runtime) process.stdout.write(render(report));
  if (report.running) return;
  if (!report.runtime)
    throw new StackNotRunningError('No zips stack is running.', 'Start one with `zips up`.');
  throw new StackNotRunningError(
    `The zips stack is not running (${report.runtime} state left behind).`,
    'Run `zips down` to clean up, then `zips up`.',
  );
}

async function reportFor(state: RecordedStackState, root: string): Promise<StatusReport> {
  const services = await stackStatus(state, root);
  return {
    running: services.length > 0 && services.every((s) => s.state === 'running' || s.state === 'completed'),
    runtime: state.runtime,
    startedAt: state.startedAt,
    urls: state.urls,
    targets: state.targets,
    services,
  };
}

function render(report: StatusReport): string {
  const headline = report.running
    ? `${paint('green', '●')} running (${report.runtime} runtime, since ${report.startedAt})`
    : `${paint('red', '●')} not running (${report.runtime} state left behind: run \`zips down\` to clean up, then \`zips up\`)`;
  const nameWidth = Math.max(12, ...report.services.map((s) => s.name.length + 2));
  const rows = report.services.map((s) => {
    const health =
      s.health === 'healthy'
        ? paint('green', s.health)
        : s.health === 'unhealthy'
          ? paint('red', s.health)
          : s.health;
    const extra = [s.pid ? `pid ${s.pid}` : '', s.url ?? '', s.detail ?? ''].filter(Boolean).join('  ');
    return `  ${s.name.padEnd(nameWidth)}${s.state.padEnd(10)}${health.padEnd(10)}  ${extra}`;
  });
  const urls = report.urls
    ? [
        `  app        ${report.urls.app}`,
        `  trace UI   ${report.urls.traceUi}  (${traceUiKind(report)})`,
        `  OTLP/HTTP  ${report.urls.otlpHttp}`,
        `  targets    ${(report.targets ?? []).map((t) => (t.endpoint ? `${t.name} (${t.endpoint})` : t.name)).join(', ') || 'none'}`,
      ]
    : [];
  return [headline, '', ...rows, '', ...urls, ''].join('\n');
}
