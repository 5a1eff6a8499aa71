/**
 * The Docker runtime only when the stack's images can be had: with the real engine, whose collector and Jaeger
 * images are neither present nor pullable here, `zips up` (auto) falls back to native naming them, and
 * `--runtime docker` fails with exit 5 before building anything. Skipped, saying why, without a usable engine or
 * when the images are present or can be pulled (then there is nothing missing to report).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COLLECTOR_CONTRIB_IMAGE } from '@zips/collector-config';
import { execa } from 'execa';
import { probeDocker } from '../src/docker/probe-docker.js';
import { stackImages } from '../src/runtime/docker/stack-images.js';
import { JAEGER_IMAGE } from '../src/stack/images.js';
import { tempProject } from './support/cli-run.js';

describe('images each Docker selection needs', () => {
  it('all services: base image, collector, Jaeger; --no-jaeger drops Jaeger; --services zips needs only the base', () => {
    const env = { ZIPS_BASE_IMAGE: 'my-node:24' };
    assert.deepEqual(
      stackImages({ jaeger: true }, env).map((i) => i.image),
      ['my-node:24', COLLECTOR_CONTRIB_IMAGE, JAEGER_IMAGE],
    );
    assert.deepEqual(
      stackImages({ jaeger: false }, env).map((i) => i.image),
      ['my-node:24', COLLECTOR_CONTRIB_IMAGE],
    );
    assert.deepEqual(
      stackImages({ jaeger: true, services: ['zips'] }, env).map((i) => i.image),
      ['my-node:24'],
    );
    assert.deepEqual(
      stackImages({ jaeger: true, services: ['jaeger'] }, {}).map((i) => i.image),
      [JAEGER_IMAGE],
    );
    assert.equal(stackImages({ jaeger: true }, {})[0]?.image, 'node:24-bookworm-slim');
  });
});

const skip = await skipReason();

/** The official images, whatever this shell's overrides say (CI points them at locally made ones). */
const officialImages = { ZIPS_COLLECTOR_IMAGE: '', ZIPS_JAEGER_IMAGE: '' };

async function skipReason(): Promise<string | false> {
  const probe = await probeDocker();
  if (!probe.usable) return `no usable Docker here: ${probe.reason}`;
  for (const image of [COLLECTOR_CONTRIB_IMAGE, JAEGER_IMAGE]) {
    if (await probe.client.hasImage(image)) return `${image} is present: no missing image to report`;
  }
  const pull = await execa('docker', ['pull', COLLECTOR_CONTRIB_IMAGE], { reject: false, timeout: 120_000 });
  if (pull.exitCode === 0) return `the registry is reachable (${COLLECTOR_CONTRIB_IMAGE} could be pulled)`;
  return false;
}

describe('zips up with a Docker engine that lacks the stack images', { skip, timeout: 180_000 }, () => {
  it('--runtime docker fails with exit 5 naming the images and how to get them, before building', async () => {
    await using project = await tempProject();
    const env = { ...officialImages, ZIPS_COMPOSE_PROJECT: `zips-cli-images-${process.pid}` };
    const result = await project.zips(['up', '--runtime', 'docker', '--port', '0'], env);
    // Should it start after all, it must not outlive the test: its fixed ports would block the others.
    if (result.exitCode === 0) await project.zips(['down'], env, 300_000);
    assert.equal(result.exitCode, 5, result.stderr);
    assert.match(result.stderr, /--runtime docker was asked for, but the stack needs images/);
    assert.ok(result.stderr.includes(`${COLLECTOR_CONTRIB_IMAGE} (needed by otel-collector)`), result.stderr);
    assert.ok(result.stderr.includes(`${JAEGER_IMAGE} (needed by jaeger)`), result.stderr);
    assert.ok(result.stderr.includes(`docker pull ${COLLECTOR_CONTRIB_IMAGE}`), result.stderr);
    assert.match(result.stderr, /then run `zips up --runtime docker`/);
    assert.doesNotMatch(result.stderr, /Building the image|Starting /);
    const status = await project.zips(['status', '--json'], env);
    assert.equal((JSON.parse(status.stdout) as { running: boolean }).running, false);
  });

  it('doctor warns about the missing images (without pulling)', async () => {
    await using project = await tempProject();
    const doctor = await project.zips(['doctor', '--json', '--no-canary'], officialImages);
    const { checks } = JSON.parse(doctor.stdout) as {
      checks: { name: string; status: string; detail: string }[];
    };
    const images = checks.find((check) => check.name === 'Docker images');
    assert.equal(images?.status, 'warn', doctor.stdout);
    assert.ok(images?.detail.includes(COLLECTOR_CONTRIB_IMAGE), images?.detail);
    assert.match(images?.detail ?? '', /docker pull/);
  });

  it('auto picks native and says which images are missing and how to get Docker mode', async () => {
    await using project = await tempProject();
    const up = await project.zips(
      ['up', '--port', '0', '--otlp-port', '0', '--ui-port', '0', '--json'],
      officialImages,
    );
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      assert.match(up.stderr, /Runtime: native \(Docker is available, but .* could not be pulled/);
      assert.ok(up.stderr.includes(COLLECTOR_CONTRIB_IMAGE), up.stderr);
      assert.ok(up.stderr.includes(JAEGER_IMAGE), up.stderr);
      assert.match(
        up.stderr,
        /For Docker mode: Get the images with `docker pull [^`]+`.*, then run `zips up --runtime docker`/,
      );
      assert.equal((JSON.parse(up.stdout) as { runtime: string }).runtime, 'native');
    } finally {
      const down = await project.zips(['down'], officialImages);
      assert.equal(down.exitCode, 0, down.stderr);
    }
  });
});
