/**
 * One `zips up` / `zips down` at a time per project: an exclusive lock file holding the owner's pid. A second
 * `zips up` waits, then finds the stack the first one started ("already running") instead of starting another.
 * A lock left by a killed process (its pid is gone) is taken over.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ZipsError } from '../errors.js';
import { isAlive } from '../process/pid.js';
import { stateDirFor } from './paths.js';

export interface StackLockOptions {
  /** Called once when another zips process holds the lock. */
  onWait?: (ownerPid: number) => void;
  /** @default 180_000 */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export async function withStackLock<T>(
  root: string,
  work: () => Promise<T>,
  options: StackLockOptions = {},
): Promise<T> {
  const file = join(stateDirFor(root), 'lock');
  await acquire(file, options);
  try {
    return await work();
  } finally {
    await release(file);
  }
}

async function acquire(file: string, options: StackLockOptions): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number(await readFile(file, 'utf8').catch(() => ''));
    if (!Number.isInteger(owner) || owner <= 0 || !isAlive(owner)) {
      await rm(file, { force: true }); // left by a process that died holding it
      continue;
    }
    if (!waited) options.onWait?.(owner);
    waited = true;
    if (Date.now() > deadline) {
      throw new ZipsError(`Another zips process (pid ${owner}) has held ${file} for too long.`, {
        hint: `Wait for it to finish, or stop it (\`kill ${owner}\`) and try again.`,
      });
    }
    await sleep(150, undefined, { signal: options.signal });
  }
}

async function release(file: string): Promise<void> {
  const owner = await readFile(file, 'utf8').catch(() => '');
  if (owner === String(process.pid)) await rm(file, { force: true });
}
