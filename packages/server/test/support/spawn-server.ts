import { type ChildProcess, spawn } from 'node:child_process';
import { captureOutput } from '@zips/test-support/child-output';
import { serverNodeArgs } from '../../src/server-command.js';

/** The real server process, started the way every launcher starts it (`serverNodeArgs()`). */
export interface ServerProcess extends AsyncDisposable {
  baseUrl: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far. */
  output(): { stdout: string; stderr: string };
  /** Sends `signal` and resolves with the exit code (or signal name); kills it if it outlives `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

const LISTENING = /listening on (http:\/\/[^\s]+)/;

/**
 * Spawns `node <zips.nodeFlags> --import register.js main.js` on 127.0.0.1 and a free port (PORT=0), and learns the port from
 * the startup line. `env` adds to a minimal environment, so the test decides every OTEL_* variable. `preload`:
 * test modules to `--import` after the bootstrap, inside the instrumented process.
 */
export async function spawnServer(
  env: Record<string, string>,
  { telemetry = true, startTimeoutMs = 30_000, preload = [] as readonly string[] } = {},
): Promise<ServerProcess> {
  const args = serverNodeArgs({ telemetry });
  // Test modules preloaded after the bootstrap and before the app (the last argument).
  args.splice(-1, 0, ...preload.flatMap((module) => ['--import', module]));
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr, exited } = captureOutput(child);

  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`server did not start within ${startTimeoutMs} ms:\n${stdout()}\n${stderr()}`));
    }, startTimeoutMs);
    const check = () => {
      const match = LISTENING.exec(stdout());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stdout()}\n${stderr()}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | string> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    child,
    output: () => ({ stdout: stdout(), stderr: stderr() }),
    stop,
    [Symbol.asyncDispose]: async () => {
      await stop('SIGKILL');
    },
  };
}
