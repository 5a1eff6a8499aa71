/**
 * Starting a long-lived background process (server, embedded collector) that outlives the CLI: detached into its
 * own process group, stdout and stderr appended to a log file, no handle kept so `zips up` can return.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ZipsError } from '../errors.js';
import type { DaemonSpec } from './spawn-detached-types.js';

export type { DaemonSpec } from './spawn-detached-types.js';

export interface Daemon {
  pid: number;
  /** Resolves with the exit code if the process ends; a pending promise means it is still running. */
  exited: Promise<number | null>;
}

export function spawnDaemon(spec: DaemonSpec): Daemon {
  mkdirSync(dirname(spec.logFile), { recursive: true });
  const fd = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) {
      throw new ZipsError(`Could not start the ${spec.name} (${spec.command}).`, {
        hint: `Check that ${spec.command} exists and is executable.`,
      });
    }
    const exited = new Promise<number | null>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
      child.once('error', () => resolve(null));
    });
    child.unref();
    return { pid: child.pid, exited };
  } finally {
    closeSync(fd);
  }
}
