/** Is Docker usable for zips? Engine reachable and a compose flavour installed, with the reason when not. */
import { existsSync } from 'node:fs';
import type { ComposeFlavour } from './compose-client.js';
import type { DockerClient, DockerEngineInfo } from './docker-client.js';

export type DockerProbe =
  | { usable: true; engine: DockerEngineInfo; compose: ComposeFlavour; client: DockerClient }
  | { usable: false; reason: string; engine?: DockerEngineInfo };

export async function probeDocker(env: NodeJS.ProcessEnv = process.env): Promise<DockerProbe> {
  // No DOCKER_HOST and no default socket: answer without loading dockerode at all.
  if (!env.DOCKER_HOST && !existsSync('/var/run/docker.sock') && process.platform !== 'win32') {
    return { usable: false, reason: 'no Docker engine found (no DOCKER_HOST, no /var/run/docker.sock)' };
  }
  const { connectDocker } = await import('./docker-client.js');
  const { detectCompose } = await import('./compose-client.js');
  const client = await connectDocker();
  if (!client.available) {
    const reason = await client.info().then(
      () => 'unknown',
      (error: Error) => error.message.replace(/^Docker is not reachable: /, '').replace(/\.$/, ''),
    );
    return { usable: false, reason: `the Docker engine is not reachable (${reason})` };
  }
  const engine = await client.info();
  const compose = await detectCompose(env);
  if (!compose) {
    const reason = env.ZIPS_COMPOSE?.trim()
      ? `${env.ZIPS_COMPOSE.trim() === 'v1' ? '`docker-compose` (v1)' : '`docker compose` (v2)'}, which ZIPS_COMPOSE asks for, is not installed`
      : 'neither `docker compose` (v2) nor `docker-compose` (v1) is installed';
    return { usable: false, engine, reason };
  }
  return { usable: true, engine, compose, client };
}
