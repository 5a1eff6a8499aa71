/**
 * Picking the runtime for `zips up`: forced by --runtime, or Docker when everything the stack needs is there
 * (engine, compose, and the images of the chosen services, present or pullable now), else native — with why.
 */

import type { DockerProbe } from '../docker/probe-docker.js';
import { DockerUnavailableError } from '../errors.js';
import type { RuntimeKind } from '../state/stack-state.js';
import type { RuntimeChoice } from './runtime-choice.js';
import type { StartContext } from './stack-plan.js';

export interface RuntimeDecision {
  runtime: RuntimeKind;
  reason: string;
  /** What the user can do to get the other runtime next time (printed after the reason). */
  advice?: string;
  /** Set when Docker was probed and is usable. */
  docker?: Extract<DockerProbe, { usable: true }>;
}

/** What the Docker stack would run: decides which images must be available. */
export interface DockerSelection {
  /** Compose services to start (all when absent). */
  services?: string[];
  jaeger: boolean;
}

export async function chooseRuntime(
  choice: RuntimeChoice,
  selection: DockerSelection,
  context: StartContext,
): Promise<RuntimeDecision> {
  if (choice === 'native') return { runtime: 'native', reason: 'chosen with --runtime native' };
  const { probeDocker } = await import('../docker/probe-docker.js');
  const probe = await probeDocker();
  if (probe.usable) {
    const images = await import('./docker/stack-images.js');
    const missing = await images.missingImages(probe.client, images.stackImages(selection), context);
    if (missing.length > 0) {
      const list = missing.map((m) => m.image).join(', ');
      if (choice === 'docker') {
        throw new DockerUnavailableError(
          `--runtime docker was asked for, but the stack needs images that are not present and could not be pulled:\n${images.describeMissing(missing)}`,
          `${images.pullHint(missing)} Or run \`zips up --runtime native\`, which needs no Docker.`,
        );
      }
      return {
        runtime: 'native',
        reason: `Docker is available, but ${list} ${missing.length === 1 ? 'is' : 'are'} not present and could not be pulled (${missing[0]?.reason}), so using the embedded native runtime`,
        advice: `For Docker mode: ${images.pullHint(missing)}`,
      };
    }
    const why = choice === 'docker' ? 'chosen with --runtime docker' : 'Docker is available';
    const compose = probe.compose.kind === 'v2' ? '`docker compose`' : '`docker-compose`';
    return {
      runtime: 'docker',
      reason: `${why}: engine ${probe.engine.version}, ${compose} ${probe.compose.version}`,
      docker: probe,
    };
  }
  if (choice === 'docker') {
    throw new DockerUnavailableError(
      `--runtime docker was asked for, but ${probe.reason}.`,
      'Start Docker (Docker Desktop, or `sudo systemctl start docker`) and check `docker info`; install the compose plugin if missing; or run `zips up --runtime native`, which needs no Docker.',
    );
  }
  return {
    runtime: 'native',
    reason: `${probe.reason}, so using the embedded native runtime (no Docker needed)`,
  };
}
