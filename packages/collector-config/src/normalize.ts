import { CollectorConfigError } from './errors.js';
import { envVarName } from './header-from-env.js';
import type { CollectorConfigInput, CollectorModel, NormalizedTarget, OtlpTargetInput } from './types.js';
import { validateInput } from './validate-input.js';
import {
  COLLECTOR_CONTRIB_VERSION,
  DEFAULT_JAEGER_ENDPOINT,
  DEFAULT_LIGHTSTEP_TOKEN_ENV,
  LIGHTSTEP_ENDPOINTS,
  QUEUE_STORAGE,
} from './versions.js';

const DEFAULT_MEMORY_LIMIT_MIB = 256;
/**
 * Each exporter's queue bound. A zips span is about 200-300 bytes of OTLP protobuf, so this holds well over five
 * minutes of a busy local stack (RELIABILITY.md has the measured rate).
 */
const DEFAULT_QUEUE_SIZE_MIB = 512;

/**
 * Applies defaults and turns the input into the model the YAML is built from.
 * @throws CollectorConfigError listing every problem `validateInput()` finds.
 */
export function normalize(input: CollectorConfigInput): CollectorModel {
  const issues = validateInput(input);
  if (issues.length > 0) throw new CollectorConfigError(issues);
  const { jaeger, lightstep, otlp = [], debug } = input.targets;
  const targets: NormalizedTarget[] = [];
  if (jaeger) {
    const endpoint = (typeof jaeger === 'object' && jaeger.endpoint) || DEFAULT_JAEGER_ENDPOINT;
    targets.push({ kind: 'jaeger', id: 'otlp_grpc/jaeger', endpoint });
  }
  if (lightstep) {
    const options = typeof lightstep === 'object' ? lightstep : {};
    const region = options.region ?? 'us';
    targets.push({
      kind: 'lightstep',
      id: 'otlp_grpc/lightstep',
      endpoint: options.endpoint ?? LIGHTSTEP_ENDPOINTS[region],
      tokenEnv: envVarName(options.tokenEnv ?? DEFAULT_LIGHTSTEP_TOKEN_ENV) ?? DEFAULT_LIGHTSTEP_TOKEN_ENV,
      region,
    });
  }
  targets.push(...otlp.map(normalizeOtlp));
  if (debug) {
    targets.push({
      kind: 'debug',
      id: 'debug',
      verbosity: (typeof debug === 'object' && debug.verbosity) || 'detailed',
    });
  }
  return {
    collectorVersion: COLLECTOR_CONTRIB_VERSION,
    targets,
    memoryLimitMib: input.memoryLimitMib ?? DEFAULT_MEMORY_LIMIT_MIB,
    sendingQueue: {
      storage: input.sendingQueue?.storage ?? 'disk',
      directory: input.sendingQueue?.directory ?? QUEUE_STORAGE.directory,
      sizeMib: input.sendingQueue?.sizeMib ?? DEFAULT_QUEUE_SIZE_MIB,
    },
  };
}

function normalizeOtlp(target: OtlpTargetInput): NormalizedTarget {
  const protocol = target.protocol ?? 'grpc';
  const headers = Object.fromEntries(
    Object.entries(target.headers ?? {}).map(([header, reference]) => [
      header,
      envVarName(reference) ?? reference,
    ]),
  );
  return {
    kind: 'otlp',
    id: `${protocol === 'grpc' ? 'otlp_grpc' : 'otlp_http'}/${target.name}`,
    name: target.name,
    endpoint: target.endpoint,
    protocol,
    headers,
    insecure: target.insecure ?? false,
  };
}

/** Names of the environment variables the collector reads secrets from (for `zips doctor` and compose). */
export function requiredEnv(model: CollectorModel): string[] {
  const names = model.targets.flatMap((target) => {
    if (target.kind === 'lightstep') return [target.tokenEnv];
    if (target.kind === 'otlp') return Object.values(target.headers);
    return [];
  });
  return [...new Set(names)];
}
