/** Stopping a process zips started: SIGTERM to its process group, then SIGKILL if it does not go in time. */
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './pid.js';

export interface StopOptions {
  /** How long to wait after SIGTERM before SIGKILL. @default 5000 */
  graceMs?: number;
}

/** Resolves once `pid` is gone. Returns how it went: `already-gone`, `terminated` or `killed`. */
export async function stopProcess(
  pid: number,
  options: StopOptions = {},
): Promise<'already-gone' | 'terminated' | 'killed'> {
  if (!isAlive(pid)) return 'already-gone';
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + (options.graceMs ?? 5000);
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'terminated';
    await sleep(50);
  }
  signal(pid, 'SIGKILL');
  for (let i = 0; i < 40 && isAlive(pid); i++) await sleep(50);
  return 'killed';
}

/** Detached children lead their own process group; signalling the group also reaches anything they spawned. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    try {
      process.kill(pid, name);
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code !== 'ESRCH') throw inner;
    }
  }
}
