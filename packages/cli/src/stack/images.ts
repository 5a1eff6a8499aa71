import { COLLECTOR_CONTRIB_IMAGE } from '@zips/collector-config';

/**
 * Pinned images of the stack. Jaeger v2 (v1 is end-of-life) is the OpenTelemetry-Collector-based build whose
 * all-in-one default configuration already receives OTLP on 4317/4318 and serves the UI on 16686. The pin is
 * the release CI runs for real: Jaeger 2.12.0 is Go module tag v1.75.0, built from the Go module proxy by
 * scripts/ci/real-stack-tools.sh (newer tags are not approved releases there).
 */
export const JAEGER_VERSION = '2.12.0';
export const JAEGER_IMAGE = `jaegertracing/jaeger:${JAEGER_VERSION}`;

/** Runtime base image of the zips Dockerfile (`ARG BASE_IMAGE`), overridable with `ZIPS_BASE_IMAGE`. */
export const DEFAULT_BASE_IMAGE = 'node:24-bookworm-slim';

/**
 * An image of the stack that an environment variable may replace, e.g. with one made locally where no registry
 * is reachable (CI builds the Collector and Jaeger from their Go modules). The default stays the official image.
 */
export interface OverridableImage {
  /** The variable that names the replacement, e.g. `ZIPS_COLLECTOR_IMAGE`. */
  variable: string;
  /** The official image used when the variable is unset or empty. */
  image: string;
}

export const BASE_IMAGE: OverridableImage = { variable: 'ZIPS_BASE_IMAGE', image: DEFAULT_BASE_IMAGE };
export const COLLECTOR_IMAGE: OverridableImage = {
  variable: 'ZIPS_COLLECTOR_IMAGE',
  image: COLLECTOR_CONTRIB_IMAGE,
};
export const JAEGER: OverridableImage = { variable: 'ZIPS_JAEGER_IMAGE', image: JAEGER_IMAGE };

/** How compose writes it: `${ZIPS_COLLECTOR_IMAGE:-otel/...}`, resolved from the environment of `compose up`. */
export function composeImageReference(ref: OverridableImage): string {
  return `\${${ref.variable}:-${ref.image}}`;
}

/** The image that will actually run with `env`. */
export function resolveImage(ref: OverridableImage, env: NodeJS.ProcessEnv = process.env): string {
  return env[ref.variable] || ref.image;
}

/** Image name compose and Tilt agree on for the zips server. */
export const ZIPS_IMAGE = 'zips:latest';

/** Where the image keeps the app: the repository layout below `/app`. */
export const APP_DIR_IN_IMAGE = '/app';
