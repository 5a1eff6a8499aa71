/** The embedded collector as the real process `zips up` runs (`dist/src/collector/main.js`), on free loopback ports. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const collectorMain = fileURLToPath(new URL('../../../src/collector/main.js', import.meta.url));

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
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = once(child, 'exit');
  const ready = await new Promise<{ otlpHttpUrl: string; queryUrl: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`collector not ready within ${timeoutMs} ms: ${err}`)),
      timeoutMs,
    );
    const check = () => {
      const line = out.split('\n').find((l) => l.includes('"event":"ready"'));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(JSON.parse(line));
    };
    child.stdout?.on('data', check);
    exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`collector exited before ready: ${err}`));
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
    stderr: () => err,
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
