/**
 * The built `zips` CLI as a real process in a temp project (`ZIPS_ROOT`), with a unique marker variable that every
 * process it starts inherits, so a test can find whatever it left running by reading /proc/<pid>/environ.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureOutput } from '@zips/test-support/child-output';
import { zipsBin } from './paths.js';

export { zipsBin } from './paths.js';

const MARK = 'ZIPS_REL_MARK';

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** Ctrl-C as a terminal sends it: SIGINT to the CLI's whole process group. */
  interrupt(): void;
}

export interface CliProject extends AsyncDisposable {
  dir: string;
  stateFile: string;
  mark: string;
  /** Starts `zips args...`; `env` adds to a clean environment (CI mode, no colours, no secrets of the caller). */
  start(args: string[], env?: Record<string, string>): CliRun;
  /** Runs `zips args...` to the end (killed after `timeoutMs`). */
  run(
    args: string[],
    env?: Record<string, string>,
    timeoutMs?: number,
  ): Promise<{ code: number | string; stdout: string; stderr: string }>;
  /** Pids of live processes started from this project (found by the marker in their environment). */
  processes(): number[];
  /** The recorded state, or undefined. */
  state(): RecordedState | undefined;
}

export interface RecordedState {
  phase?: string;
  pids?: { server?: number; collector?: number };
  ports?: { app: number; otlpHttp: number; traceQuery: number };
  urls: { app: string; traceQuery: string; otlpHttp: string };
}

export async function cliProject(): Promise<CliProject> {
  const dir = await mkdtemp(join(tmpdir(), 'zips-rel-'));
  const mark = randomUUID();
  const stateFile = join(dir, '.zips', 'state.json');
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    ZIPS_ROOT: dir,
    NO_COLOR: '1',
    CI: 'true',
    // No Docker engine: the native runtime is the one under test, and nothing may reach a real engine.
    DOCKER_HOST: 'tcp://127.0.0.1:9',
    [MARK]: mark,
  };
  const start = (args: string[], env: Record<string, string> = {}): CliRun => {
    const child = spawn(process.execPath, [zipsBin, ...args], {
      cwd: dir,
      env: { ...baseEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, like a foreground job in a terminal, so Ctrl-C can be sent to the group.
      detached: true,
    });
    const { stdout, stderr, exited } = captureOutput(child);
    const interrupt = () => {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGINT');
    };
    return { child, stdout, stderr, exited, interrupt };
  };
  const processes = () => markedProcesses(mark);
  return {
    dir,
    stateFile,
    mark,
    start,
    async run(args, env = {}, timeoutMs = 90_000) {
      const run = start(args, env);
      const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
      const code = await run.exited;
      clearTimeout(timer);
      return { code, stdout: run.stdout(), stderr: run.stderr() };
    },
    processes,
    state: () =>
      existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as RecordedState) : undefined,
    async [Symbol.asyncDispose]() {
      // Whatever a failed test left behind must not outlive it.
      for (const pid of processes()) killQuietly(pid);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Live processes whose environment holds `ZIPS_REL_MARK=<mark>`. */
export function markedProcesses(mark: string): number[] {
  const needle = `${MARK}=${mark}`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch (error) {
      // Gone meanwhile, or not ours to read: either way not a process this test started.
      if (['ENOENT', 'EACCES', 'ESRCH', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? ''))
        continue;
      throw error;
    }
    if (environ.split('\0').includes(needle)) found.push(Number(entry));
  }
  return found;
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Polls `check` every 20 ms until it returns something other than undefined/false, or `timeoutMs` passes. */
export async function pollFor<T>(
  check: () => T | undefined | false,
  timeoutMs: number,
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}

/** Arguments of a native `zips up` on free ports. */
export const UP_NATIVE = [
  'up',
  '--runtime',
  'native',
  '--port',
  '0',
  '--otlp-port',
  '0',
  '--ui-port',
  '0',
  '--timeout',
  '60',
];
