/** Where received batches are re-exported, like an exporter of the OpenTelemetry Collector. */
export interface ForwardTarget {
  /** Shown in logs, e.g. `lightstep`. */
  name: string;
  /** OTLP/HTTP base URL (`/v1/traces` is appended unless present), e.g. `https://ingest.lightstep.com`. */
  endpoint: string;
  /** Header name → name of the environment variable holding its value, read once at start (for secrets). */
  headersFromEnv?: Record<string, string>;
  /** Literal headers (not for secrets). */
  headers?: Record<string, string>;
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
  const headers = new Headers(target.headers);
  for (const [header, variable] of Object.entries(target.headersFromEnv ?? {})) {
    const value = env[variable];
    if (value === undefined || value === '') {
      throw new Error(
        `forward target "${target.name}": environment variable ${variable} (for header ${header}) is not set; export it and start again`,
      );
    }
    headers.set(header, value);
  }
  return { url, headers };
}
