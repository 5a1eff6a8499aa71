/** Picking the runtime for `zips up`: forced by --runtime, or Docker when it is usable, else native — with why. */

import type { RuntimeChoice } from '../commands/options.js';
import type { DockerProbe } from '../docker/probe-docker.js';
import { DockerUnavailableError, UsageError } from '../errors.js';
import type { RuntimeKind } from '../state/stack-state.js';

export interface RuntimeDecision {
  runtime: RuntimeKind;
  reason: string;
  /** Set when Docker was probed and is usable. */
  docker?: Extract<DockerProbe, { usable: true }>;
}

export async function chooseRuntime(choice: RuntimeChoice): Promise<RuntimeDecision> {
  if (!['auto', 'docker', 'native'].includes(choice)) {
    throw new UsageError(
      `Unknown runtime "${choice}" (from --runtime or ZIPS_RUNTIME).`,
      'Use docker, native or auto.',
    );
  }
  if (choice === 'native') return { runtime: 'native', reason: 'chosen with --runtime native' };
  const { probeDocker } = await import('../docker/probe-docker.js');
  const probe = await probeDocker();
  if (probe.usable) {
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
