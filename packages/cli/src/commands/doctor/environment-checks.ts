/** Doctor checks that need no running stack: Node, Docker and compose, ports, targets and their secrets. */
import type { DockerClient } from '../../docker/docker-client.js';
import { probeDocker } from '../../docker/probe-docker.js';
import { isPortBusy } from '../../runtime/ports.js';
import { lightstepTokenEnv } from '../../runtime/targets.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import type { Check } from './check.js';

const minimumNodeMajor = 22;

export function nodeCheck(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= minimumNodeMajor
    ? { name: 'Node.js', status: 'ok', detail: `v${process.versions.node}` }
    : {
        name: 'Node.js',
        status: 'fail',
        detail: `v${process.versions.node}; zips needs ${minimumNodeMajor} or newer`,
      };
}

export async function dockerChecks(): Promise<Check[]> {
  const probe = await probeDocker();
  if (probe.usable) {
    const flavour = probe.compose.kind === 'v2' ? '`docker compose` (v2)' : '`docker-compose` (v1)';
    return [
      { name: 'Docker engine', status: 'ok', detail: `reachable, version ${probe.engine.version}` },
      { name: 'Compose', status: 'ok', detail: `${flavour} ${probe.compose.version}` },
      await imagesCheck(probe.client),
    ];
  }
  const engine: Check = probe.engine
    ? { name: 'Docker engine', status: 'ok', detail: `reachable, version ${probe.engine.version}` }
    : {
        name: 'Docker engine',
        status: 'warn',
        detail: `${probe.reason}; \`zips up\` will use the native runtime`,
      };
  const compose: Check = probe.engine
    ? {
        name: 'Compose',
        status: 'warn',
        detail: `${probe.reason}; install the compose plugin for the Docker runtime`,
      }
    : { name: 'Compose', status: 'skip', detail: 'no Docker engine' };
  return [engine, compose];
}

/**
 * Whether the images of a default Docker stack are present (doctor does not pull): when they are not, `zips up`
 * tries to pull them and otherwise runs natively.
 */
async function imagesCheck(client: DockerClient): Promise<Check> {
  const { stackImages } = await import('../../runtime/docker/stack-images.js');
  const images = stackImages({ jaeger: true });
  const missing: string[] = [];
  for (const { image } of images) if (!(await client.hasImage(image))) missing.push(image);
  if (missing.length === 0) return { name: 'Docker images', status: 'ok', detail: 'all present' };
  return {
    name: 'Docker images',
    status: 'warn',
    detail: `missing ${missing.join(', ')}: \`zips up\` tries to pull them, else uses the native runtime; \`docker pull\` them for Docker mode`,
  };
}

export async function portChecks(state: RecordedStackState | undefined): Promise<Check[]> {
  const ports = state?.ports ?? { app: 5000, otlpHttp: 4318, traceQuery: 16686 };
  const names = { app: 'app', otlpHttp: 'OTLP/HTTP', traceQuery: 'trace UI / query' } as const;
  return Promise.all(
    (Object.keys(names) as (keyof typeof names)[]).map(async (key): Promise<Check> => {
      const busy = await isPortBusy(ports[key]);
      const name = `Port ${ports[key]} (${names[key]})`;
      if (state)
        return busy
          ? { name, status: 'ok', detail: 'in use by the running stack' }
          : { name, status: 'fail', detail: 'nothing listens although the stack is recorded as running' };
      return busy
        ? { name, status: 'warn', detail: 'busy: `zips up` needs another port for it' }
        : { name, status: 'ok', detail: 'free' };
    }),
  );
}

/** Targets of the running stack (or the ones a plain `zips up` would use), with whether each secret is set. */
export function targetChecks(
  state: RecordedStackState | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Check[] {
  const targets = state?.targets ?? [{ name: 'jaeger' as const }];
  const checks: Check[] = targets.map((target) => {
    const missing = (target.secretEnv ?? []).filter((name) => !env[name]);
    const secrets = target.secretEnv?.length
      ? `; secrets: ${target.secretEnv.map((n) => `${n} ${env[n] ? 'set' : 'NOT set'}`).join(', ')}`
      : '';
    return {
      name: `Target ${target.name}`,
      status: missing.length ? 'warn' : 'ok',
      detail: `${target.endpoint ?? 'local trace store'}${secrets}`,
    };
  });
  if (!targets.some((t) => t.name === 'lightstep')) {
    checks.push({
      name: 'Target lightstep',
      status: 'skip',
      detail: `not configured; ${lightstepTokenEnv} is ${env[lightstepTokenEnv] ? 'set' : 'not set'}`,
    });
  }
  return checks;
}
