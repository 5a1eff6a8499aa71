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

export interface PullImageOptions {
  /** Gives up (rejects) after this long; the registry may be unreachable rather than failing fast. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Receives each progress line (layer status) as it arrives. */
  onProgress?: (line: string) => void;
}

export interface DockerClient {
  readonly available: boolean;
  info(): Promise<DockerEngineInfo>;
  buildImage(options: BuildImageOptions): Promise<void>;
  /** Whether the engine has the image (`name:tag`) locally. */
  hasImage(name: string): Promise<boolean>;
  /** Pulls the image; rejects with the registry's message when it cannot be pulled (or on timeout). */
  pullImage(name: string, options: PullImageOptions): Promise<void>;
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
    hasImage: (name) => hasImageIn(docker, name),
    // No client-side timeout on the connection itself: a pull streams for as long as it needs, bounded by ours.
    pullImage: (name, options) => pullWith(new Docker(), name, options),
  };
}

/** A DockerClient for when there is no engine: every call explains why and how to fix it. */
export function unavailableDocker(reason: string, cause?: unknown): DockerClient {
  const fail = async (): Promise<never> => {
    throw new DockerUnavailableError(`Docker is not reachable: ${reason}.`, undefined, cause);
  };
  return { available: false, info: fail, buildImage: fail, hasImage: fail, pullImage: fail };
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

async function hasImageIn(docker: Dockerode, name: string): Promise<boolean> {
  try {
    await docker.getImage(name).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

async function pullWith(docker: Dockerode, name: string, options: PullImageOptions): Promise<void> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const timedOut = () => new Error(`no answer from the registry within ${options.timeoutMs / 1000}s`);
  try {
    const stream: NodeJS.ReadableStream = await docker.pull(name, { abortSignal: signal });
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(timeout.aborted ? timedOut() : signal.reason), {
        once: true,
      });
      docker.modem.followProgress(
        stream,
        (error: Error | null, events: BuildEvent[]) => {
          const failed = events?.find((event) => event.error);
          if (error || failed) reject(new Error(failed?.error ?? error?.message ?? 'unknown error'));
          else resolve();
        },
        (event: BuildEvent) => {
          const line = [event.id, event.status, event.progress].filter(Boolean).join(' ');
          if (line.trim()) options.onProgress?.(line.trim());
        },
      );
    });
  } catch (error) {
    if (timeout.aborted) throw timedOut();
    // The engine answers a registry failure with HTTP 500 and its message in the body ("(HTTP code 500) ... - <why>").
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim());
  }
}

interface BuildEvent {
  id?: string;
  progress?: string;
  stream?: string;
  status?: string;
  error?: string;
}
