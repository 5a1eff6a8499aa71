/**
 * The whole Docker runtime as users run it: `zips up --runtime docker` builds zips and starts all three compose
 * services (the Collector and Jaeger from the images scripts/ci/real-stack-tools.sh makes from their Go modules,
 * named by ZIPS_COLLECTOR_IMAGE / ZIPS_JAEGER_IMAGE), with Compose v2 and with Debian's v1. Then a lookup's trace
 * is read from real Jaeger, `zips doctor` sends its canary through the real pipeline (and names the hop that
 * fails once Jaeger is stopped), and `zips down` leaves nothing of the project behind.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { realStackRequired } from '@zips/test-support/real-stack';
import { waitFor } from '@zips/test-support/wait-for';
import { execa } from 'execa';
import { probeDocker } from '../src/docker/probe-docker.js';
import { tempProject } from './support/cli-run.js';
import { stackDir } from './support/paths.js';

const images = {
  ZIPS_BASE_IMAGE: process.env.ZIPS_BASE_IMAGE || 'zips-base:node24-bookworm',
  ZIPS_COLLECTOR_IMAGE: process.env.ZIPS_COLLECTOR_IMAGE ?? '',
  ZIPS_JAEGER_IMAGE: process.env.ZIPS_JAEGER_IMAGE ?? '',
};

async function missing(): Promise<string | false> {
  const probe = await probeDocker();
  if (!probe.usable) return `no usable Docker here: ${probe.reason}`;
  for (const [variable, image] of Object.entries(images)) {
    if (image === '') return `${variable} is not set (eval "$(bash scripts/ci/real-stack-tools.sh)" sets it)`;
    const inspect = await execa('docker', ['image', 'inspect', image], { reject: false });
    if (inspect.exitCode !== 0) return `${variable}=${image} is not present in the engine`;
  }
  return false;
}

async function composeWorks(args: string[]): Promise<boolean> {
  const result = await execa(args[0] as string, [...args.slice(1), 'version'], {
    reject: false,
    timeout: 20_000,
  });
  return result.exitCode === 0;
}

const why = await missing();
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
    test('up → lookup → its trace in Jaeger → doctor canary → Jaeger stopped names the hop → down leaves nothing', async () => {
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
          ['zips', 'running'],
        ]);

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
