/** Error paths of the built CLI, as a real process: each with its exit code, a message naming the input, and a hint. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { tempProject } from './support/cli-run.js';

describe('zips CLI error paths', () => {
  it('--help shows examples and exit codes; --version prints the version', async () => {
    await using project = await tempProject();
    const help = await project.zips(['--help']);
    assert.equal(help.exitCode, 0);
    assert.match(help.stdout, /Exit codes:/);
    for (const command of ['up', 'down', 'status', 'logs', 'lookup', 'doctor', 'config', 'traces']) {
      const sub = await project.zips([command, '--help']);
      assert.equal(sub.exitCode, 0, command);
      assert.match(sub.stdout, /Examples:\n {2}\$ zips /, `${command} --help has examples`);
    }
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    const version = await project.zips(['--version']);
    assert.deepEqual([version.exitCode, version.stdout.trim()], [0, pkg.version]);
  });

  it('a bad ZIPS_RUNTIME: `up` exits 2 naming the variable, its value and the accepted ones; others ignore it', async () => {
    await using project = await tempProject();
    const up = await project.zips(['up', '--port', '0'], { ZIPS_RUNTIME: 'bogus' });
    assert.equal(up.exitCode, 2);
    assert.match(up.stderr, /ZIPS_RUNTIME/);
    assert.match(up.stderr, /'bogus'/);
    assert.match(up.stderr, /auto, docker, native/);
    assert.equal(existsSync(join(project.stateDir, 'state.json')), false, 'nothing started');
    for (const args of [['--version'], ['status'], ['config', '--json'], ['down']]) {
      const ignored = await project.zips(args, { ZIPS_RUNTIME: 'bogus' });
      const plain = await project.zips(args);
      assert.deepEqual(
        [ignored.exitCode, ignored.stdout, ignored.stderr],
        [plain.exitCode, plain.stdout, plain.stderr],
        `zips ${args.join(' ')} does not use ZIPS_RUNTIME and behaves as without it`,
      );
    }
  });

  it('--runtime takes precedence over ZIPS_RUNTIME, and a bad --runtime is named as the argument', async () => {
    await using project = await tempProject();
    const bad = await project.zips(['up', '--runtime', 'podman'], { ZIPS_RUNTIME: 'native' });
    assert.equal(bad.exitCode, 2);
    assert.match(bad.stderr, /argument 'podman' is invalid.*use auto, docker, native/);
    assert.doesNotMatch(bad.stderr, /ZIPS_RUNTIME/);
  });

  it('lookup with a malformed ZIP exits 2 and names the input', async () => {
    await using project = await tempProject();
    const result = await project.zips(['lookup', '1121']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /"1121" is not a ZIP code/);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });

  it('lookup without a running stack exits 4 and suggests `zips up`', async () => {
    await using project = await tempProject();
    const result = await project.zips(['lookup', '11215']);
    assert.equal(result.exitCode, 4);
    assert.match(result.stderr, /not running/);
    assert.match(result.stderr, /zips up/);
  });

  it('lookup --url against a closed port exits 4', async () => {
    await using project = await tempProject();
    const port = await closedPort();
    const result = await project.zips(['lookup', '11215', '--url', `http://127.0.0.1:${port}`]);
    assert.equal(result.exitCode, 4);
    assert.match(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
  });

  it('up --lightstep without a token is a usage error naming the variable, and starts nothing', async () => {
    await using project = await tempProject();
    const result = await project.zips(['up', '--runtime', 'native', '--lightstep']);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /LIGHTSTEP_ACCESS_TOKEN/);
    assert.equal(existsSync(join(project.stateDir, 'state.json')), false);
  });

  it('up --otlp-header naming an unset variable is a usage error', async () => {
    await using project = await tempProject();
    const result = await project.zips([
      'up',
      '--runtime',
      'native',
      '--otlp-endpoint',
      'https://o.example',
      '--otlp-header',
      'x-key=ZIPS_TEST_UNSET_VAR',
    ]);
    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /ZIPS_TEST_UNSET_VAR/);
  });

  it('up --runtime docker without a reachable engine exits 5 with how to fix it', async () => {
    await using project = await tempProject();
    // A socket path that cannot exist makes the engine unreachable on any machine, Docker installed or not.
    const result = await project.zips(['up', '--runtime', 'docker'], {
      DOCKER_HOST: `unix://${join(project.dir, 'no-docker.sock')}`,
    });
    assert.equal(result.exitCode, 5, result.stderr);
    assert.match(result.stderr, /--runtime docker was asked for, but the Docker engine is not reachable/);
    assert.match(result.stderr, /--runtime native/);
  });

  it('up with a busy port names the port and the flag, and leaves no state behind', async () => {
    await using project = await tempProject();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const result = await project.zips([
        'up',
        '--runtime',
        'native',
        '--port',
        String(port),
        '--otlp-port',
        '0',
        '--ui-port',
        '0',
      ]);
      assert.equal(result.exitCode, 1);
      assert.match(result.stderr, new RegExp(`Port ${port} \\(app\\) is already in use`));
      assert.match(result.stderr, /--port <port>/);
      assert.equal(existsSync(join(project.stateDir, 'state.json')), false);
    } finally {
      server.close();
    }
  });

  it('down, status and logs with nothing running', async () => {
    await using project = await tempProject();
    const down = await project.zips(['down']);
    assert.equal(down.exitCode, 0);
    assert.match(down.stderr, /Nothing to stop/);
    const status = await project.zips(['status', '--json']);
    assert.equal(status.exitCode, 4, 'not running: exit 4, as documented');
    assert.deepEqual(JSON.parse(status.stdout), { running: false, services: [] });
    assert.match(status.stderr, /No zips stack is running/);
    const text = await project.zips(['status']);
    assert.deepEqual([text.exitCode, text.stdout], [4, '']);
    assert.match(text.stderr, /No zips stack is running[\s\S]*zips up/);
    const logs = await project.zips(['logs']);
    assert.equal(logs.exitCode, 4);
  });

  it('state left by a crash is reported by status and cleaned by down', async () => {
    await using project = await tempProject();
    const deadPid = await exitedPid();
    await mkdir(project.stateDir, { recursive: true });
    const urls = {
      app: 'http://127.0.0.1:9',
      traceUi: 'http://127.0.0.1:9',
      traceQuery: 'http://127.0.0.1:9',
      otlpHttp: 'http://127.0.0.1:9',
    };
    await writeFile(
      join(project.stateDir, 'state.json'),
      JSON.stringify({
        version: 1,
        runtime: 'native',
        startedAt: new Date().toISOString(),
        urls,
        pids: { server: deadPid, collector: deadPid },
      }),
    );
    const status = await project.zips(['status', '--json']);
    assert.equal(status.exitCode, 4);
    assert.match(status.stderr, /state left behind[\s\S]*zips down/);
    const report = JSON.parse(status.stdout) as { running: boolean; services: { state: string }[] };
    assert.equal(report.running, false);
    assert.deepEqual(
      report.services.map((s) => s.state),
      ['exited', 'exited'],
    );
    const down = await project.zips(['down']);
    assert.equal(down.exitCode, 0);
    assert.match(down.stderr, /already gone/);
    assert.equal(existsSync(join(project.stateDir, 'state.json')), false);
  });

  it('a damaged state file is a clear error, not a stack trace', async () => {
    await using project = await tempProject();
    await mkdir(project.stateDir, { recursive: true });
    await writeFile(join(project.stateDir, 'state.json'), '{ not json');
    const result = await project.zips(['status']);
    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /state file .* is damaged/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    const verbose = await project.zips(['status', '--verbose']);
    assert.match(verbose.stderr, /\n\s+at /, '--verbose shows the stack');
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The pid of a process that has already exited (what a crash leaves in the state file). */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid);
  return child.pid;
}
