import type { HeaderFromEnv } from '@zips/collector-config/header-from-env';

/**
 * Where received batches are re-exported, like an exporter of the OpenTelemetry Collector: the one definition
 * `zips up` builds (runtime/targets.ts), passes on the collector's command line and the collector forwards to.
 */
export interface ForwardTarget {
  /** Shown in logs and `zips status`, e.g. `lightstep`. */
  name: string;
  /** OTLP/HTTP base URL (`/v1/traces` is appended unless present), e.g. `https://ingest.lightstep.com`. */
  endpoint: string;
  /** Headers whose values are read from the environment once at start (secrets never travel in argv). */
  headers: readonly HeaderFromEnv[];
}

/** Resolves a target's export URL and headers; throws naming the missing environment variable (never a value). */
export function resolveTarget(target: ForwardTarget, env: NodeJS.ProcessEnv): { url: URL; headers: Headers } {
  let url: URL;
  try {
    url = new URL(target.endpoint);
  } catch {
    throw new Error(`forward target "${target.name}": endpoint "${target.endpoint}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`forward target "${target.name}": endpoint must be http(s), got ${url.protocol}`);
  }
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  const headers = new Headers();
  for (const header of target.headers) {
    const value = env[header.env];
    if (value === undefined || value === '') {
      throw new Error(
        `forward target "${target.name}": environment variable ${header.env} (for header ${header.name}) is not set; export it and start again`,
      );
    }
    headers.set(header.name, value);
  }
  return { url, headers };
}
