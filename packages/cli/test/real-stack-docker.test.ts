/**
 * The whole Docker runtime as users run it: `zips up --runtime docker` builds zips and starts all three compose
 * services (the Collector and Jaeger from the images scripts/ci/real-stack-tools.sh makes from their Go modules,
 * named by ZIPS_COLLECTOR_IMAGE / ZIPS_JAEGER_IMAGE), with Compose v2 and with Debian's v1. Then a lookup's trace
 * is read from real Jaeger, `zips doctor` sends its canary through the real pipeline (and names the hop that
 * fails once Jaeger is stopped), and `zips down` leaves nothing of the project behind. The quick version of the
 * sidecar scenario (Jaeger away 10 s under load, the collector restarted; the full one is
 * reliability/sidecar-outage.rel.ts) and Tilt follow. All in one file, so they run one after another: the Docker
 * runtime publishes the collector's gRPC and health ports as they are (4317, 13133), and Tilt all of its ports.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { freePort } from '@zips/test-support/free-port';
import { realStackRequired, realStackSkip, requireTool } from '@zips/test-support/real-stack';
import { waitFor } from '@zips/test-support/wait-for';
import { execa } from 'execa';
import { tempProject } from './support/cli-run.js';
import { stackDir } from './support/paths.js';
import { realDockerStackMissing, realStackImages } from './support/real-docker-stack.js';
import { sidecarOutageScenario } from './support/sidecar-outage-scenario.js';
import { copyRepository } from './support/tilt-workspace.js';

const images = realStackImages();

async function composeWorks(args: string[]): Promise<boolean> {
  const result = await execa(args[0] as string, [...args.slice(1), 'version'], {
    reject: false,
    timeout: 20_000,
  });
  return result.exitCode === 0;
}

const why = await realDockerStackMissing();
const skip = why && !realStackRequired ? `${why}; or set ZIPS_REQUIRE_REAL_STACK=1 to fail instead` : false;

interface Check {
  name: string;
  status: string;
  detail: string;
}

async function projectResources(project: string): Promise<string[]> {
  const label = `label=com.docker.compose.project=${project}`;
  const lists = await Promise.all([
    execa('docker', ['ps', '-aq', '--filter', label]),
    execa('docker', ['network', 'ls', '-q', '--filter', label]),
    execa('docker', ['volume', 'ls', '-q', '--filter', label]),
  ]);
  return lists.flatMap((list) => String(list.stdout).split('\n').filter(Boolean));
}

for (const flavour of [
  { kind: 'v2', command: ['docker', 'compose'] },
  { kind: 'v1', command: ['docker-compose'] },
] as const) {
  const flavourSkip =
    skip ||
    ((await composeWorks([...flavour.command])) || realStackRequired
      ? false
      : `${flavour.command.join(' ')} is not installed`);

  describe(`zips up --runtime docker with Compose ${flavour.kind}: all three services, for real`, {
    skip: flavourSkip,
    timeout: 1_200_000,
  }, () => {
    test('up → lookup → its trace in Jaeger → doctor canary → Jaeger stopped names the hop → down keeps the queue, down --volumes leaves nothing', async () => {
      assert.equal(why, false, `ZIPS_REQUIRE_REAL_STACK=1 but ${why}`);
      await using project = await tempProject();
      const name = `zips-real-${flavour.kind}-${process.pid}`;
      const env = { ...images, ZIPS_COMPOSE: flavour.kind, ZIPS_COMPOSE_PROJECT: name };
      try {
        const up = await project.zips(
          [
            'up',
            '--runtime',
            'docker',
            '--port',
            '0',
            '--otlp-port',
            '0',
            '--ui-port',
            '0',
            '--timeout',
            '240',
            '--json',
          ],
          env,
          900_000,
        );
        assert.equal(up.exitCode, 0, up.stderr);
        assert.match(
          up.stderr,
          new RegExp(`Runtime: docker .*${flavour.kind === 'v2' ? '`docker compose`' : '`docker-compose`'}`),
        );

        const status = await project.zips(['status', '--json'], env);
        const services = (JSON.parse(status.stdout) as { services: { name: string; state: string }[] })
          .services;
        assert.deepEqual(services.map((s) => [s.name, s.state]).sort(), [
          ['jaeger', 'running'],
          ['otel-collector', 'running'],
          ['otel-collector-queue-owner', 'completed'],
          ['zips', 'running'],
        ]);
        assert.equal(
          JSON.parse(status.stdout).running,
          true,
          'a completed one-shot service is not a stopped one',
        );

        const lookup = await project.zips(['lookup', '11215', '--json'], env);
        assert.equal(lookup.exitCode, 0, lookup.stderr);
        const { trace } = JSON.parse(lookup.stdout) as { trace: { traceId: string; url: string } };
        const shown = await waitFor(
          'the lookup trace in Jaeger with the CLI and server spans',
          async () => {
            const result = await project.zips(['traces', trace.traceId], env);
            return result.exitCode === 0 &&
              /zips-cli/.test(result.stdout) &&
              /zips\.lookup/.test(result.stdout)
              ? result.stdout
              : undefined;
          },
          60_000,
        );
        assert.match(shown, /2 services/);

        const doctor = await project.zips(['doctor', '--json'], env, 120_000);
        const canary = (JSON.parse(doctor.stdout) as { checks: Check[] }).checks.filter((c) =>
          c.name.startsWith('Canary'),
        );
        assert.deepEqual(
          canary.map((c) => [c.name, c.status]),
          [
            ['Canary hop 1: CLI → OTLP receiver', 'ok'],
            ['Canary hop 2: receiver → trace store', 'ok'],
            ['Canary hop 3: server → receiver', 'ok'],
          ],
          doctor.stdout,
        );

        await execa(flavour.command[0], [
          ...flavour.command.slice(1),
          '-p',
          name,
          '-f',
          `${stackDir(name)}/docker-compose.yml`,
          'stop',
          'jaeger',
        ]);
        const broken = await project.zips(['doctor', '--json'], env, 120_000);
        assert.notEqual(broken.exitCode, 0);
        const hops = (JSON.parse(broken.stdout) as { checks: Check[] }).checks.filter((c) =>
          c.name.startsWith('Canary'),
        );
        assert.deepEqual(
          hops.map((c) => [c.name, c.status]).slice(0, 2),
          [
            ['Canary hop 1: CLI → OTLP receiver', 'ok'],
            ['Canary hop 2: receiver → trace store', 'fail'],
          ],
          broken.stdout,
        );

        // A plain `down` keeps the queue volume (spans still queued are sent after the next `up`) ...
        const keep = await project.zips(['down'], env, 300_000);
        assert.equal(keep.exitCode, 0, keep.stderr);
        assert.deepEqual(await projectResources(name), [`${name}_otel-collector-queue`]);
        // ... and `down --volumes` removes it, also once the stack's state is gone (in finally).
      } finally {
        const down = await project.zips(['down', '--volumes'], env, 300_000);
        assert.equal(down.exitCode, 0, down.stderr);
        await rm(stackDir(name), { recursive: true, force: true });
      }
      assert.deepEqual(
        await projectResources(name),
        [],
        'no container, network or volume of the project is left',
      );
    });
  });
}

describe('the Docker runtime holds spans while Jaeger is away and across a collector restart (quick)', {
  skip,
  timeout: 900_000,
}, () => {
  test('Jaeger away 10 s under 64 connections, collector restarted at 5 s: every trace in Jaeger', async (t) => {
    assert.equal(why, false, `ZIPS_REQUIRE_REAL_STACK=1 but ${why}`);
    await sidecarOutageScenario(t, {
      connections: 64,
      ratePerSecond: 200,
      beforeS: 5,
      outageS: 10,
      afterS: 5,
      restartCollector: true,
    });
  });
});

/** Runs `tilt args...` in `cwd` with the images of this run; resolves with exit code and output. */
async function tilt(cwd: string, args: string[], timeoutMs: number) {
  const result = await execa(requireTool('tilt'), args, {
    cwd,
    env: { ...process.env, ...images },
    reject: false,
    timeout: timeoutMs,
    all: true,
  });
  return { exitCode: result.exitCode, output: String(result.all ?? '') };
}

async function zipsContainer(): Promise<{ id: string; image: string }> {
  const id = String(
    (await execa('docker', ['ps', '-q', '--no-trunc', '--filter', 'name=^zips-zips-1$'])).stdout,
  ).trim();
  const image = String((await execa('docker', ['inspect', '--format', '{{.Image}}', id])).stdout).trim();
  return { id, image };
}

/**
 * `tilt down` runs `compose down` without `--volumes`: it leaves exactly the collector's queue volume (spans still
 * queued survive it, by design), which the test then removes itself.
 */
async function tiltDown(dir: string): Promise<void> {
  await tilt(dir, ['down'], 180_000);
  const left = await projectResources('zips');
  const volume = 'zips_otel-collector-queue';
  await execa('docker', ['volume', 'rm', volume], { reject: false });
  assert.deepEqual(left, [volume], 'tilt down leaves only the queue volume of the project');
}

const tiltSkip = skip || realStackSkip('tilt');

describe('Tilt on the root Tiltfile, for real: tilt ci, then live updates under tilt up', {
  skip: tiltSkip,
  timeout: 1_200_000,
}, () => {
  test('`tilt ci` brings the stack up and exits 0', async () => {
    await using workspace = copyRepository();
    try {
      const ci = await tilt(
        workspace.dir,
        ['ci', '--port', String(await freePort()), '--timeout', '10m'],
        900_000,
      );
      assert.equal(ci.exitCode, 0, ci.output.slice(-4000));
      assert.match(ci.output, /SUCCESS\. All workloads are healthy\./);
    } finally {
      await tiltDown(workspace.dir);
    }
  });

  test('a template and a server source edit are served within seconds, by live update, without an image build', async () => {
    await using workspace = copyRepository();
    const port = await freePort();
    // Tilt's own log, in a file: what it built, synced and restarted.
    const logFile = join(workspace.dir, 'tilt-up.log');
    const up = execa(requireTool('tilt'), ['up', '--port', String(port), '--stream'], {
      cwd: workspace.dir,
      env: { ...process.env, ...images },
      reject: false,
      stdout: { file: logFile },
      stderr: { file: join(workspace.dir, 'tilt-up.err') },
    });
    const tiltLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
    const served = (url: string, pattern: RegExp, what: string) =>
      waitFor(
        what,
        async () => {
          const text = await fetch(url).then(
            (response) => response.text(),
            () => '',
          );
          return pattern.test(text) ? true : undefined;
        },
        240_000,
      );
    try {
      await served('http://127.0.0.1:5000/readyz', /"ready"/, 'the app under tilt up');
      await waitFor(
        'npm-install to finish',
        () =>
          /npm-install │ (up to date|added|changed|removed)[^\n]* in [\d.]+m?s/.test(tiltLog())
            ? true
            : undefined,
        240_000,
      );
      const before = await zipsContainer();
      const buildsBefore = (tiltLog().match(/STEP 1\/2 — Building Dockerfile/g) ?? []).length;

      const base = join(workspace.dir, 'templates', 'base.njk');
      writeFileSync(
        base,
        readFileSync(base, 'utf8').replace('<footer>', '<footer><!-- live-update-template -->'),
      );
      let started = performance.now();
      await served('http://127.0.0.1:5000/', /live-update-template/, 'the edited template');
      const templateMs = Math.round(performance.now() - started);

      const health = join(workspace.dir, 'packages', 'server', 'src', 'http', 'routes', 'health-routes.ts');
      writeFileSync(
        health,
        readFileSync(health, 'utf8').replace(
          "res.json({ status: 'ok' });",
          "res.json({ status: 'ok', edit: 'live-update-source' });",
        ),
      );
      started = performance.now();
      await served('http://127.0.0.1:5000/healthz', /live-update-source/, 'the edited server source');
      const sourceMs = Math.round(performance.now() - started);

      const after = await zipsContainer();
      assert.deepEqual(after, before, 'the same container, from the same image');
      assert.equal(
        (tiltLog().match(/STEP 1\/2 — Building Dockerfile/g) ?? []).length,
        buildsBefore,
        'no image build after the edits',
      );
      assert.match(tiltLog(), /Will copy 1 file\(s\) to container[\s\S]*templates\/base\.njk/);
      assert.match(
        tiltLog(),
        /Will copy \d file\(s\) to container[\s\S]*dist\/src\/http\/routes\/health-routes\.js/,
      );
      assert.ok(templateMs < 30_000 && sourceMs < 60_000, `served after ${templateMs} ms and ${sourceMs} ms`);
      process.stderr.write(`live update: template ${templateMs} ms, source ${sourceMs} ms\n`);
    } finally {
      up.kill('SIGTERM');
      await up;
      await tiltDown(workspace.dir);
    }
  });
});
