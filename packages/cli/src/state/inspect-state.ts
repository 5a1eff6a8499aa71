/**
 * Stale-state detection: a state file whose native processes are gone (or whose pids now belong to someone else)
 * was left by a crash or a kill -9 and must be cleaned up rather than trusted.
 */
import { isOurProcess } from '../process/pid.js';
import type { RecordedStackState } from './stack-state.js';

export interface StateInspection {
  /** Recorded processes that are still alive and ours, by service name. */
  alive: Record<string, number>;
  /** Recorded processes that are gone. */
  gone: string[];
  /** True when the state describes a native stack that is no longer (fully) running. */
  stale: boolean;
}

export function inspectStackState(state: RecordedStackState): StateInspection {
  const alive: Record<string, number> = {};
  const gone: string[] = [];
  if (state.runtime !== 'native') return { alive, gone, stale: false };
  for (const name of ['server', 'collector'] as const) {
    const pid = state.pids?.[name];
    if (pid === undefined) continue;
    if (isOurProcess(pid, state.commands?.[name])) alive[name] = pid;
    else gone.push(name);
  }
  const stale = gone.length > 0 || Object.keys(alive).length === 0;
  return { alive, gone, stale };
}
