/** `zips doctor`: is this machine ready for zips, and does the running pipeline deliver spans end to end? */
import { ZipsError } from '../errors.js';
import { paint } from '../output/style.js';
import { inspectStackState } from '../state/inspect-state.js';
import { findProjectRoot } from '../state/paths.js';
import { readStackState } from '../state/state-file.js';
import type { Check } from './doctor/check.js';
import { dockerChecks, nodeCheck, portChecks, targetChecks } from './doctor/environment-checks.js';
import type { DoctorOptions } from './options.js';

export async function doctor(options: DoctorOptions): Promise<void> {
  const recorded = await readStackState(findProjectRoot());
  const state = recorded && !inspectStackState(recorded).stale ? recorded : undefined;
  const checks: Check[] = [
    nodeCheck(),
    ...(await dockerChecks()),
    ...(await portChecks(state)),
    ...targetChecks(state),
  ];
  if (!state) {
    checks.push({
      name: 'Canary',
      status: 'skip',
      detail: 'no stack running: start one with `zips up`, then run `zips doctor` again',
    });
  } else if (options.canary) {
    const { canaryChecks } = await import('./doctor/canary.js');
    checks.push(...(await canaryChecks(state)));
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ checks }, null, 2)}\n`);
  else process.stdout.write(render(checks));
  const failed = checks.filter((check) => check.status === 'fail');
  if (failed.length > 0) {
    throw new ZipsError(
      `doctor found ${failed.length} problem${failed.length > 1 ? 's' : ''}: ${failed.map((c) => c.name).join('; ')}.`,
      {
        hint: 'Each failing line above says what is wrong; fix it and run `zips doctor` again.',
      },
    );
  }
}

const marks = { ok: ['green', '✓'], warn: ['yellow', '!'], fail: ['red', '✗'], skip: ['dim', '-'] } as const;

function render(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length)) + 2;
  return `${checks
    .map((c) => {
      const [colour, mark] = marks[c.status];
      return `${paint(colour, mark)} ${c.name.padEnd(width)}${c.detail}`;
    })
    .join('\n')}\n`;
}
