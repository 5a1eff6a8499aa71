/**
 * The Docker runtime with a real engine: `up --runtime docker --services zips` (the collector and Jaeger images
 * cannot be pulled here, so only the zips container runs) → lookup → status → logs → down. Skipped, saying why,
 * when no engine with compose is reachable or the base image is not present locally.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { probeDocker } from '../src/docker/probe-docker.js';
import { tempProject } from './support/cli-run.js';
import { stackDir } from './support/paths.js';

const baseImage = process.env.ZIPS_BASE_IMAGE || 'zips-base:node24-bookworm';
const skip = await skipReason();

async function skipReason(): Promise<string | false> {
  const probe = await probeDocker();
  if (!probe.usable) return `no usable Docker here: ${probe.reason}`;
  const image = await execa('docker', ['image', 'inspect', baseImage], { reject: false });
  if (image.exitCode !== 0)
    return `base image ${baseImage} is not present (scripts/ci/base-image.sh makes it)`;
  return false;
}

describe('zips Docker runtime', { skip, timeout: 900_000 }, () => {
  it('up --runtime docker --services zips → lookup → status → logs → down', async () => {
    await using project = await tempProject();
    const env = { ZIPS_BASE_IMAGE: baseImage, ZIPS_COMPOSE_PROJECT: `zips-cli-test-${process.pid}` };
    const up = await project.zips(
      ['up', '--runtime', 'docker', '--services', 'zips', '--port', '0', '--timeout', '180', '--json'],
      env,
      840_000,
    );
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      assert.match(up.stderr, /Runtime: docker \(chosen with --runtime docker/);
      assert.match(up.stderr, /Building the image zips:latest/);
      const state = JSON.parse(up.stdout) as { runtime: string; compose: { projectName: string } };
      assert.deepEqual([state.runtime, state.compose.projectName], ['docker', env.ZIPS_COMPOSE_PROJECT]);

      const lookup = await project.zips(['lookup', '11215', '--json', '--no-trace'], env);
      assert.equal(lookup.exitCode, 0, lookup.stderr);
      assert.equal((JSON.parse(lookup.stdout) as { city: string }).city, 'Brooklyn');

      const again = await project.zips(
        ['up', '--runtime', 'docker', '--services', 'zips', '--json'],
        env,
        120_000,
      );
      assert.equal(again.exitCode, 0, again.stderr);
      assert.match(again.stderr, /already running/);

      const status = await project.zips(['status', '--json'], env);
      const report = JSON.parse(status.stdout) as {
        services: { name: string; state: string; health: string }[];
      };
      assert.deepEqual(
        report.services.map((s) => [s.name, s.state, s.health]),
        [['zips', 'running', 'healthy']],
      );

      const logs = await project.zips(['logs', 'zips', '-n', '20'], env);
      assert.equal(logs.exitCode, 0, logs.stderr);
      assert.match(logs.stdout, /listening/);
    } finally {
      const down = await project.zips(['down'], env, 120_000);
      assert.equal(down.exitCode, 0, down.stderr);
    }
    // The generated files of this test's project live in the repository's .zips/stack/<project>/.
    await rm(stackDir(env.ZIPS_COMPOSE_PROJECT as string), {
      recursive: true,
      force: true,
    });
    const left = await execa('docker', [
      'ps',
      '-aq',
      '--filter',
      `label=com.docker.compose.project=${env.ZIPS_COMPOSE_PROJECT}`,
    ]);
    assert.equal(String(left.stdout).trim(), '', 'down removed the containers');
  });
  it('a stack that does not become healthy in time names the service and is taken down again', async () => {
    await using project = await tempProject();
    const env = { ZIPS_BASE_IMAGE: baseImage, ZIPS_COMPOSE_PROJECT: `zips-cli-test-slow-${process.pid}` };
    try {
      // One second is less than the container needs to load its dataset: the health wait must give up.
      const up = await project.zips(
        ['up', '--runtime', 'docker', '--services', 'zips', '--port', '0', '--timeout', '1'],
        env,
        840_000,
      );
      if (up.exitCode === 0) return; // a machine fast enough to be ready within 1 s: nothing failed to check
      assert.equal(up.exitCode, 1, up.stderr);
      assert.match(up.stderr, /did not become healthy within 1s: service "zips"/);
      assert.match(up.stderr, /--timeout/);
      const status = await project.zips(['status', '--json'], env);
      assert.equal((JSON.parse(status.stdout) as { running: boolean }).running, false);
      const left = await execa('docker', [
        'ps',
        '-aq',
        '--filter',
        `label=com.docker.compose.project=${env.ZIPS_COMPOSE_PROJECT}`,
      ]);
      assert.equal(String(left.stdout).trim(), '', 'the failed start was taken down');
    } finally {
      await project.zips(['down'], env, 120_000);
      await rm(stackDir(env.ZIPS_COMPOSE_PROJECT as string), {
        recursive: true,
        force: true,
      });
    }
  });
});
