import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { waitFor } from '@zips/test-support/wait-for';
import { serverNodeArgs } from '../src/server-command.js';

/** A dataset small enough for one write into a pipe. */
const TINY_DATASET = JSON.stringify({
  formatVersion: 1,
  source: { name: 'startup-signal test' },
  counts: { records: 0 },
  records: [],
});

/**
 * Holds the server in its startup: ZIPS_DATA_FILE is a FIFO, so the dataset read waits until the test writes.
 * Once the test's write end opens, the server is inside the load, i.e. past its signal setup and before it
 * listens, whatever the speed of the machine.
 */
async function startHeldServer(telemetry: boolean) {
  const dir = await mkdtemp(join(tmpdir(), 'zips-startup-signal-'));
  const fifo = join(dir, 'zips.json');
  execFileSync('mkfifo', [fifo]);
  const child = spawn(process.execPath, serverNodeArgs({ telemetry }), {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      ZIPS_DATA_FILE: fifo,
      // Nothing listens on port 9: an export attempt would fail fast and must not change the exit code.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  // Non-blocking open fails with ENXIO until the server opens the read end.
  const writer = await waitFor('the server to open its dataset FIFO', () =>
    open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENXIO') throw error;
      if (child.exitCode !== null) throw new Error(`server exited early:\n${stdout}\n${stderr}`);
      return undefined;
    }),
  );
  return {
    child,
    writer: writer as FileHandle,
    exited,
    output: () => ({ stdout, stderr }),
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await writer.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function exitWithin<T>(exited: Promise<T>, timeoutMs: number, output: () => object): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no exit within ${timeoutMs} ms: ${JSON.stringify(output())}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a shutdown signal during startup', () => {
  for (const telemetry of [true, false]) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      test(`${signal} before listening exits 0 without serving (telemetry ${telemetry ? 'on' : 'off'})`, async () => {
        await using server = await startHeldServer(telemetry);
        server.child.kill(signal);
        await waitFor('the server to acknowledge the signal', () =>
          server.output().stdout.includes(`${signal} received while starting`) ? true : undefined,
        );
        // Let the load finish: the server must still not listen.
        await server.writer.write(TINY_DATASET);
        await server.writer.close();
        const [code, killedBy] = await exitWithin(server.exited, 10_000, server.output);
        const { stdout, stderr } = server.output();
        assert.equal(killedBy, null, `ended by ${killedBy}; stderr:\n${stderr}`);
        assert.equal(code, 0, `exit code; stdout:\n${stdout}\nstderr:\n${stderr}`);
        assert.doesNotMatch(stdout, /listening on/);
      });
    }
  }
});
