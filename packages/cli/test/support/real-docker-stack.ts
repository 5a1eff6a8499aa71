/**
 * What the Docker-runtime tests with the real Collector and Jaeger need: a usable engine and the images of this run
 * (the base image and the images scripts/ci/real-stack-tools.sh makes from the Go modules), and why they skip
 * when something is missing (they fail instead under ZIPS_REQUIRE_REAL_STACK=1).
 */
import { realStackRequired } from '@zips/test-support/real-stack';
import { execa } from 'execa';
import { probeDocker } from '../../src/docker/probe-docker.js';

/** The image variables of this run, as compose and `zips up` read them. */
export function realStackImages(): Record<string, string> {
  return {
    ZIPS_BASE_IMAGE: process.env.ZIPS_BASE_IMAGE || 'zips-base:node24-bookworm',
    ZIPS_COLLECTOR_IMAGE: process.env.ZIPS_COLLECTOR_IMAGE ?? '',
    ZIPS_JAEGER_IMAGE: process.env.ZIPS_JAEGER_IMAGE ?? '',
  };
}

/** Why the real Docker stack cannot run here, or false when it can. */
export async function realDockerStackMissing(): Promise<string | false> {
  const probe = await probeDocker();
  if (!probe.usable) return `no usable Docker here: ${probe.reason}`;
  for (const [variable, image] of Object.entries(realStackImages())) {
    if (image === '') return `${variable} is not set (eval "$(bash scripts/ci/real-stack-tools.sh)" sets it)`;
    const inspect = await execa('docker', ['image', 'inspect', image], { reject: false });
    if (inspect.exitCode !== 0) return `${variable}=${image} is not present in the engine`;
  }
  return false;
}

/** The `skip` option of such a test: the reason plus how to make it fail instead, or false. */
export async function realDockerStackSkip(): Promise<string | false> {
  const why = await realDockerStackMissing();
  if (why && realStackRequired) throw new Error(`ZIPS_REQUIRE_REAL_STACK=1 but ${why}`);
  return why ? `${why}; or set ZIPS_REQUIRE_REAL_STACK=1 to fail instead` : false;
}
