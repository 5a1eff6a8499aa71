/** Stopping a native stack: only processes that are still ours (pid alive and running our script). */
import { isOurProcess } from '../../process/pid.js';
import { stopProcess } from '../../process/stop-process.js';
import type { RecordedStackState } from '../../state/stack-state.js';

/** Stops the server, then the collector; returns the names of the services that were actually running. */
export async function stopNative(state: RecordedStackState): Promise<string[]> {
  const stopped: string[] = [];
  for (const name of ['server', 'collector'] as const) {
    const pid = state.pids?.[name];
    if (pid === undefined || !isOurProcess(pid, state.commands?.[name])) continue;
    await stopProcess(pid);
    stopped.push(name);
  }
  return stopped;
}
