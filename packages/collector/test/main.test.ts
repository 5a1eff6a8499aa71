import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import { captureOutput } from '@zips/test-support/child-output';
import { PortInUseError, startEmbeddedCollector } from '../src/index.js';
import { CollectorArgsError, formatForward, parseCollectorArgs, parseForward } from '../src/main-args.js';
import { collectorMain } from './support/paths.js';
import { postTraces } from './support/test-collector.js';

const MAIN = collectorMain;

/** Runs the collector process; resolves when it exits (killed after `timeoutMs` so a hang fails the test). */
function run(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  const child = spawn(process.execPath, [MAIN, ...args], {
    env: options.env ?? { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  const exited = output.exited.then((end) => {
    clearTimeout(timer);
    const code = typeof end === 'number' ? end : null;
    return { code, signal: code === null ? end : null, stdout: output.stdout(), stderr: output.stderr() };
  });
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const [line, rest] = output.stdout().split('\n', 2);
      if (rest !== undefined) resolve(line ?? '');
    });
    exited.then((result) =>
      reject(new Error(`collector exited (${result.code}) before ready: ${result.stderr}`)),
    );
  });
  // Tests that expect an early exit never await firstLine: keep its rejection from being unhandled.
  firstLine.catch(() => undefined);
  return { child, exited, firstLine };
}

describe('collector process (main.js)', () => {
  test('prints one ready line, receives spans, exits 0 on SIGTERM', async () => {
    const proc = run(['--otlp-http-port', '0', '--query-port', '0', '--max-traces', '5']);
    const ready = JSON.parse(await proc.firstLine) as Record<string, unknown>;
    assert.deepEqual(Object.keys(ready), ['event', 'otlpHttpUrl', 'queryUrl', 'pid']);
    assert.equal(ready.event, 'ready');
    assert.equal(ready.pid, proc.child.pid);
    assert.match(String(ready.otlpHttpUrl), /^http:\/\/127\.0\.0\.1:\d+$/);
    const body = JSON.stringify({
      resourceSpans: [
        { scopeSpans: [{ spans: [{ traceId: '1'.repeat(32), spanId: '2'.repeat(16), name: 'x' }] }] },
      ],
    });
    const result = await postTraces({ otlpHttpUrl: String(ready.otlpHttpUrl) }, body, {
      'content-type': 'application/json',
    });
    assert.equal(result.status, 200);
    const stats = await fetch(`${String(ready.queryUrl)}/api/zips/stats`, {
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(((await stats.json()) as { spans: number }).spans, 1);
    proc.child.kill('SIGTERM');
    const exit = await proc.exited;
    assert.equal(exit.code, 0);
    assert.equal(exit.stdout.trim().split('\n').length, 1, 'exactly one line on stdout');
    assert.match(exit.stderr, /SIGTERM received, closing/);
  });

  test('a busy port exits 1 naming the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const exit = await run(['--otlp-http-port', '0', '--query-port', String(port)]).exited;
      assert.equal(exit.code, 1);
      assert.equal(exit.stdout, '');
      assert.match(
        exit.stderr,
        new RegExp(`port ${port} \\(query API\\) on 127\\.0\\.0\\.1 is already in use`),
      );
    } finally {
      blocker.close();
    }
  });

  test('a forward target whose token variable is unset exits 1 naming the variable', async () => {
    const exit = await run([
      '--otlp-http-port',
      '0',
      '--query-port',
      '0',
      '--forward',
      'ls=https://x.invalid,header=t=LS_TOKEN',
    ]).exited;
    assert.equal(exit.code, 1);
    assert.match(exit.stderr, /environment variable LS_TOKEN/);
  });
});

/** Listens on a free loopback port; returns the server and its port. */
async function occupy(): Promise<{ server: ReturnType<typeof createServer>; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('startEmbeddedCollector start failures', () => {
  test('a busy query port: PortInUseError, and the OTLP port it had bound is released', async () => {
    const free = await occupy();
    await new Promise((resolve) => free.server.close(resolve));
    const busy = await occupy();
    try {
      await assert.rejects(
        startEmbeddedCollector({ otlpHttpPort: free.port, queryPort: busy.port }),
        (error: unknown) =>
          error instanceof PortInUseError && error.port === busy.port && error.purpose === 'query API',
      );
      // The OTLP port is free again: binding it succeeds.
      const again = createServer();
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject);
        again.listen(free.port, '127.0.0.1', resolve);
      });
      again.close();
    } finally {
      busy.server.close();
    }
  });

  test('a non-positive maxBodyBytes is refused before anything listens', async () => {
    await assert.rejects(
      startEmbeddedCollector({ maxBodyBytes: 0 }),
      /maxBodyBytes must be a positive integer/,
    );
  });
});

describe('parseCollectorArgs', () => {
  const ok: [string[], unknown][] = [
    [[], {}],
    [
      [
        '--host',
        '0.0.0.0',
        '--otlp-http-port',
        '4318',
        '--query-port',
        '0',
        '--max-traces',
        '50',
        '--max-body-bytes',
        '1024',
      ],
      { host: '0.0.0.0', otlpHttpPort: 4318, queryPort: 0, maxTraces: 50, maxBodyBytes: 1024 },
    ],
    [['--otlp-grpc-port', '4317'], { otlpGrpcPort: 4317 }],
    [
      [
        '--forward',
        'lightstep=https://ingest.lightstep.com,header=lightstep-access-token=LS_ACCESS_TOKEN',
        '--forward',
        'o=http://h:4318',
      ],
      {
        forward: [
          {
            name: 'lightstep',
            endpoint: 'https://ingest.lightstep.com',
            headers: [{ name: 'lightstep-access-token', env: 'LS_ACCESS_TOKEN' }],
          },
          { name: 'o', endpoint: 'http://h:4318', headers: [] },
        ],
      },
    ],
  ];
  for (const [argv, expected] of ok) {
    test(`${argv.join(' ') || '(no args)'}`, () => assert.deepEqual(parseCollectorArgs(argv), expected));
  }
  const bad: [string[], RegExp][] = [
    [['--otlp-http-port', 'http'], /--otlp-http-port must be a port number/],
    [['--query-port', '70000'], /--query-port must be a port number/],
    [['--max-traces', '0'], /--max-traces must be a positive integer/],
    [['--forward', 'nourl'], /--forward "nourl" must look like name=URL/],
    [['--forward', 'ls=https://x,header=token=abc-def'], /header=NAME=ENV_VAR/],
    [['--forward', 'ls=https://x,header=token:TOKEN'], /header=NAME=ENV_VAR/],
    [['--forward', 'ls=https://x,token=TOKEN'], /header=NAME=ENV_VAR/],
    [['--token', 'x'], /Unknown option '--token'/],
  ];
  for (const [argv, message] of bad) {
    test(`rejects ${argv.join(' ')}`, () => {
      assert.throws(
        () => parseCollectorArgs(argv),
        (error: unknown) => error instanceof CollectorArgsError && message.test(error.message),
      );
    });
  }
});

describe('formatForward', () => {
  test('writes what parseForward reads back, headers by variable name only', () => {
    const target = {
      name: 'otlp',
      endpoint: 'https://otlp.example.com/base',
      headers: [
        { name: 'x-api-key', env: 'OTLP_KEY' },
        { name: 'x-team', env: 'TEAM' },
      ],
    };
    const arg = formatForward(target);
    assert.equal(arg, 'otlp=https://otlp.example.com/base,header=x-api-key=OTLP_KEY,header=x-team=TEAM');
    assert.deepEqual(parseForward(arg), target);
  });
});
