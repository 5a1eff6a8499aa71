/**
 * The built server as a real process, started the way every launcher starts it (`serverNodeArgs()`: the node flags
 * of `zips.nodeFlags`, `--import dist/src/telemetry/register.js`, `dist/src/main.js`), on 127.0.0.1 and a free port.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { captureOutput } from '@zips/test-support/child-output';
import { serverNodeArgs } from '../../src/server-command.js';

export interface ZipsServer extends AsyncDisposable {
  child: ChildProcess;
  pid: number;
  port: number;
  baseUrl: string;
  stdout(): string;
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** Sends `signal`; resolves with the exit code (or signal name) and how long the exit took. SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<{ code: number | string; ms: number }>;
}

const LISTENING = /listening on http:\/\/[^\s]+:(\d+)/;

/** Starts the server; `env` adds to a minimal environment (PATH, PORT=0, HOST=127.0.0.1), so every OTEL_* is the test's. */
export async function startZipsServer(
  env: Record<string, string> = {},
  startTimeoutMs = 30_000,
): Promise<ZipsServer> {
  const child = spawn(process.execPath, serverNodeArgs(), {
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr, exited } = captureOutput(child);
  const port = await waitForPort(child, stdout, stderr, exited, startTimeoutMs).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000) => {
    const started = performance.now();
    if (alive()) child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      const code = await exited;
      return { code, ms: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    child,
    pid: child.pid as number,
    port,
    baseUrl: `http://127.0.0.1:${port}`,
    stdout,
    stderr,
    alive,
    stop,
    async [Symbol.asyncDispose]() {
      await stop('SIGKILL', 5_000);
    },
  };
}

function waitForPort(
  child: ChildProcess,
  stdout: () => string,
  stderr: () => string,
  exited: Promise<number | string>,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start within ${timeoutMs} ms:\n${stdout()}\n${stderr()}`)),
      timeoutMs,
    );
    const check = () => {
      const match = LISTENING.exec(stdout());
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stdout()}\n${stderr()}`));
    });
  });
}

/** OTEL_* settings for a server exporting to `otlpHttpUrl` (the embedded collector). */
export function telemetryEnv(
  otlpHttpUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: 'zips',
    OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttpUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    ...extra,
  };
}
