/**
 * CLI faults on the native runtime, with the built CLI as a real process: Ctrl-C (SIGINT to its process group) at each phase of
 * `zips up`, `kill -9` of the started processes or of `zips up` itself followed by `zips down`, and three `zips up`
 * at once. After each, nothing this project started may still run, and no stale state may be left.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recordResult } from '@zips/test-support/results';
import { type CliProject, cliProject, pollFor, UP_NATIVE } from '../support/zips-cli.js';

/** When to press Ctrl-C, as seen from outside the process. */
interface Phase {
  name: string;
  reached: (project: CliProject, stderr: string) => boolean;
  /** Extra `up` arguments. @default [] */
  args?: string[];
  /** Exit code after Ctrl-C in this phase. @default 130 (interrupted) */
  exitCode?: number;
}

const PHASES: Phase[] = [
  { name: 'runtime chosen, nothing started', reached: (_p, stderr) => /Runtime: native/.test(stderr) },
  {
    name: 'collector started, waiting for its health',
    reached: (p) => p.state()?.pids?.collector !== undefined && p.state()?.pids?.server === undefined,
  },
  {
    name: 'server started, waiting for its health',
    reached: (p) => p.state()?.pids?.server !== undefined && p.state()?.phase === 'starting',
  },
  {
    // `up --attach` ends on Ctrl-C by design: it stops the stack and exits 0.
    name: 'attached, streaming logs',
    reached: (p, stderr) => p.state()?.phase === 'running' && /Attached/.test(stderr),
    args: ['--attach'],
    exitCode: 0,
  },
];

async function assertNothingLeft(project: CliProject, what: string): Promise<void> {
  const left = await pollFor(() => project.processes().length === 0, 10_000);
  assert.ok(left, `${what}: processes still running: ${project.processes().join(', ')}`);
  assert.equal(project.state(), undefined, `${what}: state file left behind`);
}

test('Ctrl-C at each phase of `zips up` leaves no processes and no state', {
  timeout: 300_000,
}, async (t) => {
  const outcomes: Record<string, string> = {};
  for (const phase of PHASES) {
    await t.test(phase.name, async () => {
      await using project = await cliProject();
      const up = project.start([...UP_NATIVE, ...(phase.args ?? [])]);
      const hit = await pollFor(() => phase.reached(project, up.stderr()), 60_000);
      up.interrupt();
      const code = await up.exited;
      outcomes[phase.name] = hit ? `exit ${code}` : `phase not seen, exit ${code}`;
      const expected = phase.exitCode ?? 130;
      if (code === 0 && expected !== 0) {
        // `up` finished before the signal landed: then `down` must leave nothing behind either.
        assert.equal((await project.run(['down'])).code, 0);
      } else {
        assert.equal(code, expected, up.stderr());
        if (expected === 130) assert.match(up.stderr(), /Interrupted/);
      }
      await assertNothingLeft(project, phase.name);
      if (phase === PHASES[2]) {
        // The project is usable afterwards: up and down again (once, the latest phase leaves the most behind).
        assert.equal((await project.run(UP_NATIVE)).code, 0);
        assert.equal((await project.run(['down'])).code, 0);
        await assertNothingLeft(project, `${phase.name}, after up/down again`);
      }
    });
  }
  recordResult(t.diagnostic.bind(t), 'cli-sigint', { outcomes });
});

test('`zips down` after kill -9 of the server and the collector cleans up', {
  timeout: 120_000,
}, async () => {
  await using project = await cliProject();
  const up = await project.run(UP_NATIVE);
  assert.equal(up.code, 0, up.stderr);
  const pids = project.state()?.pids ?? {};
  for (const pid of [pids.server, pids.collector]) if (pid !== undefined) process.kill(pid, 'SIGKILL');
  await pollFor(() => project.processes().length === 0, 5_000);
  const status = await project.run(['status']);
  assert.match(status.stdout, /not running/, 'status of a killed stack');
  const down = await project.run(['down']);
  assert.equal(down.code, 0, down.stderr);
  await assertNothingLeft(project, 'down after kill -9');
});

test('`zips down` after kill -9 of `zips up` itself, mid-start, stops what it had started', {
  timeout: 120_000,
}, async () => {
  await using project = await cliProject();
  const up = project.start(UP_NATIVE);
  const collector = await pollFor(() => project.state()?.pids?.collector, 60_000);
  up.child.kill('SIGKILL');
  await up.exited;
  assert.ok(collector !== undefined, 'the collector was recorded before the kill');
  const down = await project.run(['down']);
  assert.equal(down.code, 0, down.stderr);
  await assertNothingLeft(project, 'down after kill -9 of up');
});

test('`zips down` after kill -9 of `zips up --attach` (the supervising CLI) stops the stack', {
  timeout: 120_000,
}, async () => {
  await using project = await cliProject();
  const up = project.start([...UP_NATIVE, '--attach']);
  const attached = await pollFor(() => /Attached/.test(up.stderr()), 60_000);
  assert.ok(attached, up.stderr());
  process.kill(-(up.child.pid as number), 'SIGKILL');
  await up.exited;
  const down = await project.run(['down']);
  assert.equal(down.code, 0, down.stderr);
  await assertNothingLeft(project, 'down after kill -9 of up --attach');
});

test('three `zips up` at once, three rounds: one stack, consistent state, `down` leaves nothing', {
  timeout: 300_000,
}, async (t) => {
  // Three ups and three rounds: the window between reading and writing the state is short, so one try often misses it.
  const rounds: { codes: (number | string)[]; recorded: number[]; running: number[] }[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      await using project = await cliProject();
      const ups = [project.start(UP_NATIVE), project.start(UP_NATIVE), project.start(UP_NATIVE)];
      const codes = await Promise.all(ups.map((up) => up.exited));
      const state = project.state();
      const recorded = [state?.pids?.server, state?.pids?.collector]
        .filter((pid) => pid !== undefined)
        .sort();
      const running = project.processes().sort();
      rounds.push({ codes, recorded, running });
      assert.ok(codes.includes(0), `no up succeeded:\n${ups.map((up) => up.stderr()).join('\n')}`);
      assert.ok(state !== undefined, 'a state file after concurrent ups');
      assert.deepEqual(
        running,
        recorded,
        `round ${round + 1}: processes running that the state file does not record (orphaned stack)`,
      );
      assert.equal((await project.run(['down'])).code, 0);
      await assertNothingLeft(project, 'down after concurrent ups');
    }
  } finally {
    recordResult(t.diagnostic.bind(t), 'cli-concurrent-ups', { rounds });
  }
});
