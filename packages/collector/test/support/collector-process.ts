/** The embedded collector as the real process `zips up` runs (`@zips/collector/main`), on free loopback ports. */
import { type ChildProcess, spawn } from 'node:child_process';
import { captureOutput } from '@zips/test-support/child-output';
import { collectorMain } from './paths.js';

export { collectorMain } from './paths.js';

export interface CollectorProcess extends AsyncDisposable {
  child: ChildProcess;
  pid: number;
  otlpHttpUrl: string;
  queryUrl: string;
  stderr(): string;
  alive(): boolean;
}

/** Starts it with `args` (ports default to 0) and waits for its `{"event":"ready"}` line. */
export async function startCollectorProcess(
  args: string[] = [],
  timeoutMs = 20_000,
): Promise<CollectorProcess> {
  const withPorts = [
    ...(args.includes('--otlp-http-port') ? [] : ['--otlp-http-port', '0']),
    ...(args.includes('--query-port') ? [] : ['--query-port', '0']),
    ...args,
  ];
  const child = spawn(process.execPath, [collectorMain, ...withPorts], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { stdout, stderr, exited } = captureOutput(child);
  const ready = await new Promise<{ otlpHttpUrl: string; queryUrl: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`collector not ready within ${timeoutMs} ms: ${stderr()}`)),
      timeoutMs,
    );
    const check = () => {
      const line = stdout()
        .split('\n')
        .find((l) => l.includes('"event":"ready"'));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(JSON.parse(line));
    };
    child.stdout?.on('data', check);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`collector exited before ready: ${stderr()}`));
    });
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid as number,
    ...ready,
    stderr,
    alive,
    async [Symbol.asyncDispose]() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
