/**
 * The images a Docker stack needs before it can start, and whether this engine has them (or can pull them now).
 * Checked before anything is written or built: a stack whose collector or Jaeger image cannot be had would only
 * fail later, in `compose up`, after a long image build.
 */
import type { DockerClient } from '../../docker/docker-client.js';
import type { Reporter } from '../../output/reporter.js';
import { BASE_IMAGE, COLLECTOR_IMAGE, JAEGER, resolveImage } from '../../stack/images.js';

/** An image the stack needs, and which compose service needs it (for the messages). */
export interface StackImage {
  image: string;
  neededBy: string;
}

/** An image that is neither present locally nor pullable, with the engine's or registry's reason. */
export interface MissingImage extends StackImage {
  reason: string;
}

/** How long one round of pulls may take: long enough for a small image, short enough not to stall `up`. */
export const PULL_TIMEOUT_MS = 20_000;

/**
 * Images of the chosen compose services. `zips:latest` is built by `zips up`, so what it needs is its base
 * image (`ZIPS_BASE_IMAGE`, else the Dockerfile's default); the collector always runs, Jaeger when it is a target;
 * each as its variable (`ZIPS_COLLECTOR_IMAGE`, `ZIPS_JAEGER_IMAGE`) names it, as compose will resolve it.
 */
export function stackImages(
  selection: { services?: string[]; jaeger: boolean },
  env: NodeJS.ProcessEnv = process.env,
): StackImage[] {
  const all: Record<string, StackImage> = {
    zips: { image: resolveImage(BASE_IMAGE, env), neededBy: 'zips (base image of zips:latest)' },
    'otel-collector': { image: resolveImage(COLLECTOR_IMAGE, env), neededBy: 'otel-collector' },
    ...(selection.jaeger ? { jaeger: { image: resolveImage(JAEGER, env), neededBy: 'jaeger' } } : {}),
  };
  const names = selection.services?.length ? selection.services : Object.keys(all);
  return names.flatMap((name) => (all[name] ? [all[name]] : []));
}

/**
 * The images that are missing after trying to pull the absent ones (in parallel, bounded by `timeoutMs`).
 * A registry error counts as "not available"; an engine that stops answering is the caller's problem (it throws).
 */
export async function missingImages(
  client: DockerClient,
  images: StackImage[],
  context: { reporter: Reporter; signal: AbortSignal; timeoutMs?: number },
): Promise<MissingImage[]> {
  const absent: StackImage[] = [];
  for (const image of images) if (!(await client.hasImage(image.image))) absent.push(image);
  if (absent.length === 0) return [];
  const missing: MissingImage[] = [];
  const names = absent.map((image) => image.image).join(', ');
  await context.reporter
    .step(`Pulling ${names}`, async (update) => {
      await Promise.all(
        absent.map((image) =>
          client
            .pullImage(image.image, {
              timeoutMs: context.timeoutMs ?? PULL_TIMEOUT_MS,
              signal: context.signal,
              onProgress: (line) => update(`${image.image}: ${line}`),
            })
            .catch((error: unknown) => {
              if (context.signal.aborted) throw error;
              missing.push({ ...image, reason: error instanceof Error ? error.message : String(error) });
            }),
        ),
      );
      // A failed pull is an answer, not a crash: the step is marked failed, the caller decides what follows.
      if (missing.length > 0) throw new PullFailed();
    })
    .catch((error: unknown) => {
      if (!(error instanceof PullFailed)) throw error;
    });
  return images.flatMap((image) => missing.filter((m) => m.image === image.image));
}

class PullFailed extends Error {}

/** "otel/...:0.160.0 (otel-collector: <why>)", one per line, for the reasons and errors. */
export function describeMissing(missing: MissingImage[]): string {
  return missing.map((m) => `  ${m.image} (needed by ${m.neededBy}): ${m.reason}`).join('\n');
}

/** The commands that make Docker mode possible: pull each missing image (on a connected machine), then ask for it. */
export function pullHint(missing: MissingImage[]): string {
  const pulls = [...new Set(missing.map((m) => `docker pull ${m.image}`))].join(' && ');
  const variables = [
    ...(missing.some((m) => m.neededBy.startsWith('zips '))
      ? [`${BASE_IMAGE.variable} at a Node 24 image`]
      : []),
    ...(missing.some((m) => m.neededBy === 'otel-collector')
      ? [`${COLLECTOR_IMAGE.variable} at a Collector image`]
      : []),
    ...(missing.some((m) => m.neededBy === 'jaeger') ? [`${JAEGER.variable} at a Jaeger v2 image`] : []),
  ];
  const instead = variables.length > 0 ? ` (or point ${variables.join(', ')} you have)` : '';
  return `Get the images with \`${pulls}\`${instead}, then run \`zips up --runtime docker\`.`;
}
