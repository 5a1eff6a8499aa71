/** Test helper: runs the built `zips` CLI as a real process, in a temp project with its own state directory. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { zipsBin } from './paths.js';

export { zipsBin } from './paths.js';

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface TempProject extends AsyncDisposable {
  dir: string;
  stateDir: string;
  /** Runs `zips args...` there; `env` adds to a clean environment (no secrets, no colours, CI mode). */
  zips(args: string[], env?: Record<string, string | undefined>, timeoutMs?: number): Promise<RunResult>;
}

export async function tempProject(): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'zips-cli-test-'));
  const stateDir = join(dir, '.zips');
  const baseEnv: Record<string, string | undefined> = {
    ...process.env,
    ZIPS_ROOT: dir,
    NO_COLOR: '1',
    CI: 'true',
  };
  for (const key of ['LIGHTSTEP_ACCESS_TOKEN', 'ZIPS_RUNTIME', 'ZIPS_STATE_DIR', 'DEBUG', 'FORCE_COLOR'])
    delete baseEnv[key];
  return {
    dir,
    stateDir,
    async zips(args, env = {}, timeoutMs = 90_000) {
      const result = await execa(process.execPath, [zipsBin, ...args], {
        cwd: dir,
        env: { ...baseEnv, ...env },
        extendEnv: false,
        reject: false,
        timeout: timeoutMs,
        stdin: 'ignore',
      });
      return {
        exitCode: result.exitCode ?? -1,
        stdout: String(result.stdout),
        stderr: String(result.stderr),
      };
    },
    async [Symbol.asyncDispose]() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
