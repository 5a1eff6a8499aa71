import { parseArgs } from 'node:util';
import { formatHeaderArg, parseHeaderArg } from '@zips/collector-config/header-from-env';
import type { ForwardTarget } from './forward/forward-target.js';
import type { EmbeddedCollectorOptions } from './types.js';

/** Invalid arguments to the collector process. */
export class CollectorArgsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CollectorArgsError';
  }
}

export const COLLECTOR_USAGE =
  'usage: node main.js [--host H] [--otlp-http-port N] [--query-port N] [--otlp-grpc-port N] [--max-traces N] ' +
  '[--max-spans N] [--max-body-bytes N] [--forward name=URL[,header=NAME=ENV_VAR]...]';

/**
 * Parses the collector process's arguments. Secrets never appear in argv: a forwarded header names the environment
 * variable that holds its value (`--forward lightstep=https://ingest.lightstep.com,header=lightstep-access-token=LS_ACCESS_TOKEN`).
 * @throws {CollectorArgsError}
 */
export function parseCollectorArgs(argv: readonly string[]): EmbeddedCollectorOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new CollectorArgsError(`${(error as Error).message}\n${COLLECTOR_USAGE}`);
  }
  const options: EmbeddedCollectorOptions = {};
  if (values.host !== undefined) options.host = values.host;
  if (values['otlp-http-port'] !== undefined)
    options.otlpHttpPort = port(values['otlp-http-port'], '--otlp-http-port');
  if (values['query-port'] !== undefined) options.queryPort = port(values['query-port'], '--query-port');
  if (values['otlp-grpc-port'] !== undefined)
    options.otlpGrpcPort = port(values['otlp-grpc-port'], '--otlp-grpc-port');
  if (values['max-traces'] !== undefined) options.maxTraces = positive(values['max-traces'], '--max-traces');
  if (values['max-spans'] !== undefined) options.maxSpans = positive(values['max-spans'], '--max-spans');
  if (values['max-body-bytes'] !== undefined) {
    options.maxBodyBytes = positive(values['max-body-bytes'], '--max-body-bytes');
  }
  const forward = (values.forward ?? []).map(parseForward);
  if (forward.length > 0) options.forward = forward;
  return options;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      'otlp-http-port': { type: 'string' },
      'query-port': { type: 'string' },
      'otlp-grpc-port': { type: 'string' },
      'max-traces': { type: 'string' },
      'max-spans': { type: 'string' },
      'max-body-bytes': { type: 'string' },
      forward: { type: 'string', multiple: true },
    },
  });
}

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65_535)
    throw new CollectorArgsError(`${flag} must be a port number 0-65535, got "${value}"`);
  return n;
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) {
    throw new CollectorArgsError(`${flag} must be a positive integer, got "${value}"`);
  }
  return n;
}

/** `name=URL[,header=NAME=ENV_VAR]...`; each header is read by the same parser as `--otlp-header`. */
export function parseForward(value: string): ForwardTarget {
  const [first = '', ...rest] = value.split(',');
  const eq = first.indexOf('=');
  if (eq < 1 || eq === first.length - 1) {
    throw new CollectorArgsError(`--forward "${value}" must look like name=URL[,header=NAME=ENV_VAR]`);
  }
  const name = first.slice(0, eq);
  const headers = rest.map((part) => {
    const parsed = part.startsWith('header=') ? parseHeaderArg(part.slice('header='.length)) : undefined;
    if (parsed?.header === undefined) {
      throw new CollectorArgsError(
        `--forward ${name}: "${part}" must be header=NAME=ENV_VAR (the value is read from the environment variable, never given on the command line)`,
      );
    }
    return parsed.header;
  });
  return { name, endpoint: first.slice(eq + 1), headers };
}

/** The `--forward` argument for `target`: what {@link parseForward} reads back. */
export function formatForward(target: ForwardTarget): string {
  return [
    `${target.name}=${target.endpoint}`,
    ...target.headers.map((h) => `header=${formatHeaderArg(h)}`),
  ].join(',');
}
