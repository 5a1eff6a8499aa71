/**
 * Reading and writing `.zips/state.json`. Writes go through a temp file and a rename so a crash mid-write never
 * leaves half a JSON document behind.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ZipsError } from '../errors.js';
import { findProjectRoot, stateFileFor } from './paths.js';
import type { RecordedStackState } from './stack-state.js';

/**
 * The state `zips up` recorded for the project at `root` (default: the project around the current directory), or
 * undefined when nothing was started. It does not check that the processes are still alive: see `inspectStackState`.
 */
export async function readStackState(
  root: string = findProjectRoot(),
): Promise<RecordedStackState | undefined> {
  const file = stateFileFor(root);
  let text: string;
  try {
    // Synchronous: one small file, and the first async fs call would start libuv's thread pool (~5 ms of `lookup`).
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ZipsError(`Cannot read ${file}.`, { hint: 'Check its permissions.', cause: error });
  }
  try {
    const state = JSON.parse(text) as RecordedStackState;
    if (state.version !== 1 || !state.urls)
      throw new Error(`unsupported state version ${String(state.version)}`);
    return state;
  } catch (error) {
    throw new ZipsError(`The zips state file ${file} is damaged.`, {
      hint: 'Run `zips down` to stop what is recorded and clean up, or delete the file.',
      cause: error,
    });
  }
}

export async function writeStackState(root: string, state: RecordedStackState): Promise<void> {
  const file = stateFileFor(root);
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temp, file);
}

export async function removeStackState(root: string): Promise<void> {
  await rm(stateFileFor(root), { force: true });
}
