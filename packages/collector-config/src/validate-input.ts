import { envVarName, HEADER_NAME } from './header-from-env.js';
import type { CollectorConfigInput, OtlpTargetInput, TargetsInput, ValidationIssue } from './types.js';

const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** Checks what a user can get wrong in the input; every issue names its dot path and a fix. */
export function validateInput(input: CollectorConfigInput): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const targets: TargetsInput = input.targets ?? {};
  if (!isEnabled(targets.jaeger) && !isEnabled(targets.lightstep) && !isEnabled(targets.debug)) {
    if ((targets.otlp ?? []).length === 0) {
      issues.push({
        path: 'targets',
        message: 'no trace target is enabled, so the collector would have nowhere to send spans.',
        fix: 'enable at least one of targets.jaeger, targets.lightstep, targets.otlp or targets.debug (`zips config --jaeger`).',
      });
    }
  }
  issues.push(...checkJaeger(targets), ...checkLightstep(targets), ...checkOtlpTargets(targets.otlp ?? []));
  if (
    input.memoryLimitMib !== undefined &&
    !(Number.isInteger(input.memoryLimitMib) && input.memoryLimitMib >= 32)
  ) {
    issues.push({
      path: 'memoryLimitMib',
      message: `${String(input.memoryLimitMib)} is not a whole number of MiB of at least 32.`,
      fix: 'use a value such as 256, or leave it out for the default.',
    });
  }
  issues.push(...checkSendingQueue(input.sendingQueue));
  return issues;
}

function checkSendingQueue(queue: CollectorConfigInput['sendingQueue']): ValidationIssue[] {
  if (queue === undefined) return [];
  const issues: ValidationIssue[] = [];
  if (queue.storage !== undefined && queue.storage !== 'disk' && queue.storage !== 'memory') {
    issues.push({
      path: 'sendingQueue.storage',
      message: `unknown storage "${String(queue.storage)}".`,
      fix: 'use "disk" (survives a collector restart) or "memory".',
    });
  }
  if (queue.directory !== undefined && !queue.directory.startsWith('/')) {
    issues.push({
      path: 'sendingQueue.directory',
      message: `"${queue.directory}" is not an absolute path.`,
      fix: 'use an absolute directory such as /var/lib/otelcol/file_storage, or leave it out for the default.',
    });
  }
  if (queue.sizeMib !== undefined && !(Number.isInteger(queue.sizeMib) && queue.sizeMib >= 1)) {
    issues.push({
      path: 'sendingQueue.sizeMib',
      message: `${String(queue.sizeMib)} is not a whole number of MiB of at least 1.`,
      fix: 'use a value such as 512, or leave it out for the default.',
    });
  }
  return issues;
}

function isEnabled(target: unknown): boolean {
  return target !== undefined && target !== false;
}

function checkJaeger(targets: TargetsInput): ValidationIssue[] {
  const jaeger = targets.jaeger;
  if (typeof jaeger !== 'object' || jaeger.endpoint === undefined || HOST_PORT.test(jaeger.endpoint))
    return [];
  return [
    {
      path: 'targets.jaeger.endpoint',
      message: `"${jaeger.endpoint}" is not a host:port gRPC endpoint.`,
      fix: 'use the form jaeger:4317, or leave it out for the default.',
    },
  ];
}

function checkLightstep(targets: TargetsInput): ValidationIssue[] {
  const lightstep = targets.lightstep;
  if (typeof lightstep !== 'object') return [];
  const issues: ValidationIssue[] = [];
  if (lightstep.tokenEnv !== undefined && envVarName(lightstep.tokenEnv) === undefined) {
    issues.push({
      path: 'targets.lightstep.tokenEnv',
      message: lightstep.tokenEnv.trim()
        ? 'tokenEnv is not an environment variable name (its value is not repeated here in case it is the token itself).'
        : 'Lightstep is enabled without the name of the environment variable that holds the access token.',
      fix: 'set tokenEnv to a variable name such as LIGHTSTEP_ACCESS_TOKEN and export the token in that variable.',
    });
  }
  if (lightstep.region !== undefined && lightstep.region !== 'us' && lightstep.region !== 'eu') {
    issues.push({
      path: 'targets.lightstep.region',
      message: `unknown region "${String(lightstep.region)}".`,
      fix: 'use "us" or "eu".',
    });
  }
  if (lightstep.endpoint !== undefined && !HOST_PORT.test(lightstep.endpoint)) {
    issues.push({
      path: 'targets.lightstep.endpoint',
      message: `"${lightstep.endpoint}" is not a host:port gRPC endpoint.`,
      fix: 'use the form ingest.lightstep.com:443, or leave it out for the region default.',
    });
  }
  return issues;
}

function checkOtlpTargets(targets: readonly OtlpTargetInput[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // The built-in targets own these exporter names, so an OTLP target may never reuse them.
  const seen = new Map<string, string>([
    ['jaeger', 'targets.jaeger'],
    ['lightstep', 'targets.lightstep'],
  ]);
  targets.forEach((target, index) => {
    const path = `targets.otlp[${index}]`;
    const name = target.name ?? '';
    if (!COMPONENT_NAME.test(name)) {
      issues.push({
        path: `${path}.name`,
        message: `"${name}" cannot be used as a component name.`,
        fix: 'use letters, digits, ".", "_" or "-", e.g. "acme".',
      });
    } else if (seen.has(name)) {
      issues.push({
        path: `${path}.name`,
        message: `duplicate component id: the exporter name "${name}" is already taken by ${seen.get(name)}.`,
        fix: 'give every OTLP target a unique name.',
      });
    } else {
      seen.set(name, path);
    }
    issues.push(...checkOtlpEndpoint(target, path), ...checkHeaders(target.headers ?? {}, path));
    if (target.protocol !== undefined && target.protocol !== 'grpc' && target.protocol !== 'http') {
      issues.push({
        path: `${path}.protocol`,
        message: `unknown protocol "${String(target.protocol)}".`,
        fix: 'use "grpc" or "http".',
      });
    }
  });
  return issues;
}

function checkOtlpEndpoint(target: OtlpTargetInput, path: string): ValidationIssue[] {
  const endpoint = target.endpoint ?? '';
  const ok = target.protocol === 'http' ? /^https?:\/\/[^\s/]+/.test(endpoint) : isGrpcEndpoint(endpoint);
  if (ok) return [];
  return [
    {
      path: `${path}.endpoint`,
      message: endpoint
        ? `"${endpoint}" is not a valid ${target.protocol ?? 'grpc'} endpoint.`
        : 'the endpoint is missing.',
      fix:
        target.protocol === 'http'
          ? 'use a URL such as https://otlp.example.com:4318.'
          : 'use host:port such as otlp.example.com:4317 (or an https:// URL).',
    },
  ];
}

function isGrpcEndpoint(endpoint: string): boolean {
  return HOST_PORT.test(endpoint) || /^https?:\/\/[^\s/]+(:\d{1,5})?\/?$/.test(endpoint);
}

function checkHeaders(headers: Readonly<Record<string, string>>, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [header, reference] of Object.entries(headers)) {
    if (!HEADER_NAME.test(header)) {
      issues.push({
        path: `${path}.headers`,
        message: `"${header}" is not a valid HTTP header name.`,
        fix: 'use a header name such as "authorization" or "x-api-key".',
      });
    } else if (envVarName(reference) === undefined) {
      issues.push({
        path: `${path}.headers.${header}`,
        message: 'header values are read from the environment, and this is not an environment variable name.',
        fix: `put the value in an environment variable and reference it by name, e.g. ${header}=ACME_API_KEY.`,
      });
    }
  }
  return issues;
}
