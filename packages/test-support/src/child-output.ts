/** What a spawned test process printed so far, and how it ended: the bookkeeping every process helper needs. */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ChildOutput {
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code, or the signal's name, once the process is gone. */
  exited: Promise<number | string>;
}

/** Collects `child`'s stdout and stderr (spawned with both piped) as text. */
export function captureOutput(child: ChildProcess): ChildOutput {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return { stdout: () => out, stderr: () => err, exited };
}
