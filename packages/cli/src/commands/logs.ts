/** `zips logs [service] [-f]`: the log files of the native processes, or `compose logs` for Docker. */
import { join } from 'node:path';
import { StackNotRunningError, UsageError } from '../errors.js';
import { followFile, lastLines } from '../process/log-files.js';
import { findProjectRoot, logDirFor } from '../state/paths.js';
import type { RecordedStackState } from '../state/stack-state.js';
import { readStackState } from '../state/state-file.js';
import { withInterrupt } from './interrupt.js';
import type { LogsOptions } from './options.js';

const nativeServices = ['server', 'collector'] as const;

export async function logs(service: string | undefined, options: LogsOptions): Promise<void> {
  const root = findProjectRoot();
  const state = await readStackState(root);
  if (!state)
    throw new StackNotRunningError('No zips stack is recorded for this project, so there are no logs.');
  await withInterrupt((signal) => streamLogs(state, root, service, options, signal), {
    interruptIsSuccess: true,
  });
}

/** Prints the last lines and, with `follow`, new lines until `signal` aborts. Also used by `zips up --attach`. */
export async function streamLogs(
  state: RecordedStackState,
  root: string,
  service: string | undefined,
  options: LogsOptions,
  signal: AbortSignal,
): Promise<void> {
  if (state.runtime === 'docker') {
    const { composeForState } = await import('../runtime/docker/compose-for-state.js');
    const compose = await composeForState(state, root);
    const text = await compose.logs(service, { tail: options.lines, follow: options.follow, signal });
    process.stdout.write(text);
    return;
  }
  const names = service ? [checkedService(service)] : [...nativeServices];
  const logDir = state.logDir ?? logDirFor(root);
  const prefix = (name: string) => (names.length > 1 ? `${name.padEnd(9)}| ` : '');
  for (const name of names) {
    for (const line of await lastLines(join(logDir, `${name}.log`), options.lines)) {
      if (options.lines > 0) process.stdout.write(`${prefix(name)}${line}\n`);
    }
  }
  if (!options.follow) return;
  await Promise.all(
    names.map((name) =>
      followFile(
        join(logDir, `${name}.log`),
        (line) => process.stdout.write(`${prefix(name)}${line}\n`),
        signal,
      ),
    ),
  );
}

function checkedService(service: string): (typeof nativeServices)[number] {
  const found = nativeServices.find((name) => name === service);
  if (!found)
    throw new UsageError(
      `Unknown service "${service}".`,
      `The native runtime has: ${nativeServices.join(', ')}.`,
    );
  return found;
}
