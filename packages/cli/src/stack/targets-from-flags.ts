import { parseHeaderArg, type TargetsInput } from '@zips/collector-config';

/** The target flags shared by `zips config` (and usable by `zips up --runtime docker`). */
export interface TargetFlags {
  /** @default true */
  jaeger?: boolean;
  lightstep?: boolean;
  /** `host:port` (OTLP/gRPC) or an http(s) URL (OTLP/HTTP). */
  otlpEndpoint?: string;
  /** `name=VAR` or `name=${VAR}`: the header value is read from environment variable VAR. */
  otlpHeader?: readonly string[];
  debug?: boolean;
}

/** Name of the generic OTLP target's exporter (`otlp_http/otlp` or `otlp_grpc/otlp`). */
export const GENERIC_OTLP_NAME = 'otlp';

/**
 * Maps flags to collector targets. Each `--otlp-header` is split by the one header parser; its problems are left
 * to the collector-config validation, which reports them with a dot path (`targets.otlp[0].headers.<name>`): a
 * header without `=` is kept whole as its name with an empty reference so that it is reported too.
 */
export function targetsFromFlags(flags: TargetFlags): TargetsInput {
  const headers = Object.fromEntries(
    (flags.otlpHeader ?? []).map((arg) => {
      const { name, reference } = parseHeaderArg(arg);
      return [name, reference];
    }),
  );
  return {
    jaeger: flags.jaeger ?? true,
    lightstep: flags.lightstep === true,
    debug: flags.debug === true,
    otlp: flags.otlpEndpoint
      ? [
          {
            name: GENERIC_OTLP_NAME,
            endpoint: flags.otlpEndpoint,
            protocol: /^https?:\/\//.test(flags.otlpEndpoint) ? 'http' : 'grpc',
            headers,
          },
        ]
      : [],
  };
}

/** The flags as they would be typed, for "run this to regenerate" hints (default targets print nothing). */
export function flagsToArgs(flags: TargetFlags): string[] {
  const args: string[] = [];
  if (flags.jaeger === false) args.push('--no-jaeger');
  if (flags.lightstep) args.push('--lightstep');
  if (flags.otlpEndpoint) args.push('--otlp-endpoint', flags.otlpEndpoint);
  for (const header of flags.otlpHeader ?? []) args.push('--otlp-header', header);
  if (flags.debug) args.push('--debug');
  return args;
}
