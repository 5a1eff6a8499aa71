/**
 * The zips-owned seam around the Docker engine. Callers see zips types, never dockerode's; when the engine is not
 * reachable they get a null object whose every call throws a DockerUnavailableError explaining how to fix it.
 * dockerode is loaded here only, so commands that never talk to Docker never pay for it.
 */
import { DockerUnavailableError, ZipsError } from '../errors.js';

export interface DockerEngineInfo {
  version: string;
  apiVersion: string;
}

export interface BuildImageOptions {
  /** Build context directory (its .dockerignore applies). */
  context: string;
  /** Dockerfile path relative to the context. @default 'Dockerfile' */
  dockerfile?: string;
  tag: string;
  buildArgs?: Record<string, string>;
  signal?: AbortSignal;
  /** Receives each progress line (build step output) as it arrives. */
  onProgress?: (line: string) => void;
}

export interface DockerClient {
  readonly available: boolean;
  info(): Promise<DockerEngineInfo>;
  buildImage(options: BuildImageOptions): Promise<void>;
}

/** Connects to the engine (DOCKER_HOST or the default socket) and pings it; a null object when unreachable. */
export async function connectDocker(timeoutMs = 3000): Promise<DockerClient> {
  const { default: Docker } = await import('dockerode');
  const docker = new Docker({ timeout: timeoutMs });
  let info: DockerEngineInfo;
  try {
    const version = await docker.version();
    info = { version: version.Version, apiVersion: version.ApiVersion };
  } catch (error) {
    return unavailableDocker(describeConnectError(error), error);
  }
  return {
    available: true,
    info: async () => info,
    buildImage: (options) => buildWith(new Docker(), options),
  };
}

/** A DockerClient for when there is no engine: every call explains why and how to fix it. */
export function unavailableDocker(reason: string, cause?: unknown): DockerClient {
  const fail = async (): Promise<never> => {
    throw new DockerUnavailableError(`Docker is not reachable: ${reason}.`, undefined, cause);
  };
  return { available: false, info: fail, buildImage: fail };
}

function describeConnectError(error: unknown): string {
  const where = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `no Docker socket at ${where}`;
  if (code === 'EACCES') return `permission denied on ${where} (add your user to the docker group)`;
  if (code === 'ECONNREFUSED') return `connection refused at ${where}`;
  return `${where}: ${error instanceof Error ? error.message : String(error)}`;
}

type Dockerode = InstanceType<typeof import('dockerode')>;

async function buildWith(docker: Dockerode, options: BuildImageOptions): Promise<void> {
  const { packBuildContext } = await import('./build-context.js');
  const stream = await docker.buildImage(await packBuildContext(options.context, options.dockerfile), {
    t: options.tag,
    dockerfile: options.dockerfile ?? 'Dockerfile',
    buildargs: options.buildArgs,
    abortSignal: options.signal,
  });
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, events: BuildEvent[]) => {
        const failed = events?.find((event) => event.error);
        if (error || failed) {
          const message = failed?.error ?? error?.message ?? 'unknown error';
          reject(
            new ZipsError(`Building the image ${options.tag} failed: ${message}`, {
              hint: 'Fix the build error above, then run `zips up` again.',
            }),
          );
        } else resolve();
      },
      (event: BuildEvent) => {
        const line = event.stream ?? event.status ?? '';
        if (line.trim()) options.onProgress?.(line.trim());
      },
    );
  });
}

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
}
