/**
 * Telemetry targets from `zips up` options: validated (Lightstep needs its token in the environment, headers are
 * `name=value`), and described without secret values so they can be recorded in state and printed.
 */

import type { ForwardTarget } from '@zips/collector';
import { parseHeaderArg } from '@zips/collector-config';
import { UsageError } from '../errors.js';
import type { TargetSummary } from '../state/stack-state.js';

export const lightstepTokenEnv = 'LIGHTSTEP_ACCESS_TOKEN';
/** Lightstep's OTLP/HTTP traces endpoint. */
export const lightstepEndpoint = 'https://ingest.lightstep.com';

export interface TargetOptions {
  jaeger: boolean;
  lightstep: boolean;
  otlpEndpoint?: string;
  otlpHeader: string[];
}

export interface ResolvedTargets {
  summaries: TargetSummary[];
  forwards: ForwardTarget[];
  /** Extra environment for the collector process (none today: header values stay in the user's variables). */
  env: Record<string, string>;
}

export function resolveTargets(
  options: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedTargets {
  const resolved: ResolvedTargets = { summaries: [], forwards: [], env: {} };
  if (options.jaeger) resolved.summaries.push({ name: 'jaeger' });
  if (options.lightstep) {
    if (!env[lightstepTokenEnv]) {
      throw new UsageError(
        `--lightstep needs an access token in the environment variable ${lightstepTokenEnv}, and it is not set.`,
        `Set it (e.g. \`export ${lightstepTokenEnv}=<your token>\`) and run the command again, or leave out --lightstep.`,
      );
    }
    resolved.summaries.push({
      name: 'lightstep',
      endpoint: lightstepEndpoint,
      secretEnv: [lightstepTokenEnv],
    });
    resolved.forwards.push({
      name: 'lightstep',
      endpoint: lightstepEndpoint,
      headers: [{ name: 'lightstep-access-token', env: lightstepTokenEnv }],
    });
  }
  if (options.otlpEndpoint) addOtlp(resolved, options.otlpEndpoint, options.otlpHeader, env);
  else if (options.otlpHeader.length > 0) {
    throw new UsageError(
      '--otlp-header needs --otlp-endpoint.',
      'Add --otlp-endpoint <url> or drop --otlp-header.',
    );
  }
  return resolved;
}

function addOtlp(
  resolved: ResolvedTargets,
  endpoint: string,
  headerArgs: string[],
  env: NodeJS.ProcessEnv,
): void {
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    throw new UsageError(
      `--otlp-endpoint "${endpoint}" is not an http(s) URL.`,
      'Use e.g. https://otlp.example.com: `zips up` forwards over OTLP/HTTP (a host:port OTLP/gRPC endpoint works in the files `zips config` writes).',
    );
  }
  const headers = headerArgs.map((arg) => {
    const { header } = parseHeaderArg(arg);
    if (header === undefined) {
      throw new UsageError(
        `--otlp-header "${arg}" is not name=VARIABLE.`,
        'Header values come from the environment: `export OTLP_KEY=...` then `--otlp-header x-api-key=OTLP_KEY`.',
      );
    }
    if (!env[header.env]) {
      throw new UsageError(
        `--otlp-header ${header.name} reads its value from the environment variable ${header.env}, which is not set.`,
        `Set it (\`export ${header.env}=...\`) and run the command again.`,
      );
    }
    return header;
  });
  resolved.summaries.push({ name: 'otlp', endpoint, secretEnv: headers.map((h) => h.env) });
  resolved.forwards.push({ name: 'otlp', endpoint, headers });
}
