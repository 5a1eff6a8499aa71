/**
 * Pinned images of the stack. Jaeger v2 (v1 is end-of-life) is the OpenTelemetry-Collector-based build whose
 * all-in-one default configuration already receives OTLP on 4317/4318 and serves the UI on 16686.
 */
export const JAEGER_VERSION = '2.20.0';
export const JAEGER_IMAGE = `jaegertracing/jaeger:${JAEGER_VERSION}`;

/** Runtime base image of the zips Dockerfile (`ARG BASE_IMAGE`), overridable with `ZIPS_BASE_IMAGE`. */
export const DEFAULT_BASE_IMAGE = 'node:24-bookworm-slim';

/** Image name compose and Tilt agree on for the zips server. */
export const ZIPS_IMAGE = 'zips:latest';

/** Where the image keeps the app: the repository layout below `/app`. */
export const APP_DIR_IN_IMAGE = '/app';
