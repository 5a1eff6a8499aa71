/** State file, stale-state detection, port claims and target resolution, through real files, pids and sockets. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PortBusyError, UsageError, ZipsError } from '../src/errors.js';
import { claimPorts } from '../src/runtime/ports.js';
import { resolveTargets } from '../src/runtime/targets.js';
import { inspectStackState } from '../src/state/inspect-state.js';
import { findProjectRoot } from '../src/state/paths.js';
import { withStackLock } from '../src/state/stack-lock.js';
import type { RecordedStackState } from '../src/state/stack-state.js';
import { readStackState, removeStackState, writeStackState } from '../src/state/state-file.js';

const urls = {
  app: 'http://127.0.0.1:1',
  traceUi: 'http://127.0.0.1:2',
  traceQuery: 'http://127.0.0.1:2',
  otlpHttp: 'http://127.0.0.1:3',
};

function nativeState(
  pids: { server?: number; collector?: number },
  commands?: RecordedStackState['commands'],
): RecordedStackState {
  const state: RecordedStackState = {
    version: 1,
    runtime: 'native',
    startedAt: '2026-01-01T00:00:00.000Z',
    urls,
    pids,
  };
  return commands ? { ...state, commands } : state;
}

async function withTempRoot(run: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'zips-state-test-'));
  try {
    await run(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('state file', () => {
  it('round-trips, and reads as undefined once removed', () =>
    withTempRoot(async (root) => {
      assert.equal(await readStackState(root), undefined);
      const state = nativeState({ server: 1, collector: 2 });
      await writeStackState(root, state);
      assert.deepEqual(await readStackState(root), state);
      await removeStackState(root);
      assert.equal(await readStackState(root), undefined);
    }));

  it('a damaged file is a ZipsError that says how to recover', () =>
    withTempRoot(async (root) => {
      await mkdir(join(root, '.zips'));
      await writeFile(join(root, '.zips', 'state.json'), '{"version": 2}');
      await assert.rejects(
        readStackState(root),
        (error: unknown) => error instanceof ZipsError && /zips down/.test(error.hint ?? ''),
      );
    }));

  it('the project root is the nearest folder with .zips/ or .git, else the directory itself', () =>
    withTempRoot(async (root) => {
      const nested = join(root, 'a', 'b');
      await mkdir(nested, { recursive: true });
      await mkdir(join(root, '.git'));
      assert.equal(findProjectRoot(nested, {}), root);
      await mkdir(join(root, 'a', '.zips'));
      assert.equal(findProjectRoot(nested, {}), join(root, 'a'));
      await rm(join(root, 'a', '.zips'), { recursive: true });
      assert.equal(findProjectRoot(nested, {}), root);
      assert.equal(findProjectRoot(nested, { ZIPS_ROOT: '/elsewhere' }), '/elsewhere');
    }));
});

describe('stack lock', () => {
  it('a second holder waits for the first; a lock left by a dead process is taken over', () =>
    withTempRoot(async (root) => {
      const order: string[] = [];
      let waitedFor: number | undefined;
      let releaseFirst = () => {};
      const first = withStackLock(root, async () => {
        order.push('first in');
        await new Promise<void>((resolve) => {
          releaseFirst = resolve;
        });
        order.push('first out');
      });
      while (order.length === 0) await new Promise((resolve) => setImmediate(resolve));
      const second = withStackLock(root, async () => order.push('second'), {
        onWait: (pid) => (waitedFor = pid),
      });
      while (waitedFor === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
      releaseFirst();
      await Promise.all([first, second]);
      assert.deepEqual(order, ['first in', 'first out', 'second']);
      assert.equal(waitedFor, process.pid);

      await writeFile(join(root, '.zips', 'lock'), String(await exitedPid()));
      let waited = false;
      await withStackLock(root, async () => undefined, { onWait: () => (waited = true) });
      assert.equal(waited, false, 'a dead owner is not waited for');
    }));
});

describe('stale state', () => {
  it('dead pids make the state stale', async () => {
    const dead = await exitedPid();
    const inspection = inspectStackState(nativeState({ server: dead, collector: dead }));
    assert.equal(inspection.stale, true);
    assert.deepEqual(inspection.gone, ['server', 'collector']);
  });

  it('a live pid running something else (pid reuse) is not taken for ours', () => {
    const inspection = inspectStackState(
      nativeState({ server: process.pid }, { server: 'definitely-not-this-script.js' }),
    );
    assert.equal(inspection.stale, true);
    assert.deepEqual(inspection.gone, ['server']);
  });

  it('live pids running our scripts are alive', async () => {
    const marker = 'zips-test-marker-script';
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', marker], { stdio: 'ignore' });
    try {
      assert.ok(child.pid);
      const pid = child.pid;
      const inspection = inspectStackState(
        nativeState({ server: pid, collector: pid }, { server: marker, collector: marker }),
      );
      assert.equal(inspection.stale, false);
      assert.deepEqual(inspection.alive, { server: pid, collector: pid });
    } finally {
      child.kill();
    }
  });
});

describe('port claims', () => {
  it('0 becomes distinct free ports', async () => {
    const ports = await claimPorts([
      { what: 'a', port: 0, flag: '--a' },
      { what: 'b', port: 0, flag: '--b' },
      { what: 'c', port: 0, flag: '--c' },
    ]);
    assert.equal(new Set(ports).size, 3);
    assert.ok(ports.every((p) => p > 0));
  });

  it('a busy port is named with the flag that changes it', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      await assert.rejects(
        claimPorts([{ what: 'OTLP/HTTP receiver', port, flag: '--otlp-port' }]),
        (error: unknown) =>
          error instanceof PortBusyError && error.port === port && /--otlp-port/.test(error.hint ?? ''),
      );
    } finally {
      server.close();
    }
  });
});

describe('targets', () => {
  const base = { jaeger: true, lightstep: false, otlpHeader: [] as string[] };
  const cases: {
    name: string;
    options: typeof base & { otlpEndpoint?: string };
    env: NodeJS.ProcessEnv;
    expect: RegExp | string[];
  }[] = [
    { name: 'jaeger only', options: base, env: {}, expect: ['jaeger'] },
    {
      name: 'lightstep with token',
      options: { ...base, lightstep: true },
      env: { LIGHTSTEP_ACCESS_TOKEN: 't' },
      expect: ['jaeger', 'lightstep'],
    },
    {
      name: 'lightstep without token',
      options: { ...base, lightstep: true },
      env: {},
      expect: /LIGHTSTEP_ACCESS_TOKEN/,
    },
    {
      name: 'otlp with header from env',
      options: { ...base, jaeger: false, otlpEndpoint: 'https://o.example', otlpHeader: ['x-key=MY_KEY'] },
      env: { MY_KEY: 'v' },
      expect: ['otlp'],
    },
    {
      name: 'otlp header in the dollar-brace form',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal ${VAR} syntax is the input under test
      options: { ...base, otlpEndpoint: 'https://o.example', otlpHeader: ['x-key=${MY_KEY}'] },
      env: { MY_KEY: 'v' },
      expect: ['jaeger', 'otlp'],
    },
    {
      name: 'otlp header variable unset',
      options: { ...base, otlpEndpoint: 'https://o.example', otlpHeader: ['x-key=MY_KEY'] },
      env: {},
      expect: /MY_KEY/,
    },
    {
      name: 'otlp header without =',
      options: { ...base, otlpEndpoint: 'https://o.example', otlpHeader: ['x-key'] },
      env: {},
      expect: /not name=VARIABLE/,
    },
    {
      name: 'otlp endpoint not a URL',
      options: { ...base, otlpEndpoint: 'o.example:4317' },
      env: {},
      expect: /not an http\(s\) URL/,
    },
    {
      name: 'header without endpoint',
      options: { ...base, otlpHeader: ['a=B'] },
      env: { B: 'x' },
      expect: /needs --otlp-endpoint/,
    },
  ];
  for (const { name, options, env, expect } of cases) {
    it(name, () => {
      if (expect instanceof RegExp) {
        assert.throws(
          () => resolveTargets(options, env),
          (error: unknown) => error instanceof UsageError && expect.test(error.message),
        );
        return;
      }
      const resolved = resolveTargets(options, env);
      assert.deepEqual(
        resolved.summaries.map((t) => t.name),
        expect,
      );
      assert.doesNotMatch(
        JSON.stringify(resolved),
        /"t"|"v"/,
        'secret values are never part of the resolved targets',
      );
    });
  }
});

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid);
  return child.pid;
}
