import type { TargetsInput } from '@zips/collector-config';

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

export interface TargetsFromFlagsOptions {
  /**
   * For callers that hold the header values themselves (`zips up` puts `--otlp-header name=value` values into
   * the collector's environment): the variable that will hold header number `index`. The flag's value is then
   * ignored here, so it can never reach a file. @default the flag's value is the variable name
   */
  headerEnvName?: (index: number, header: string) => string;
}

/**
 * Maps flags to collector targets. Header syntax problems are left to the collector-config validation, which
 * reports them with a dot path (`targets.otlp[0].headers.<name>`); a header without `=` is kept whole as its
 * name with an empty reference so that it is reported too.
 */
export function targetsFromFlags(flags: TargetFlags, options: TargetsFromFlagsOptions = {}): TargetsInput {
  const headers = Object.fromEntries(
    (flags.otlpHeader ?? []).map((header, index) => {
      const eq = header.indexOf('=');
      const name = (eq < 0 ? header : header.slice(0, eq)).trim();
      const reference = options.headerEnvName?.(index, name) ?? (eq < 0 ? '' : header.slice(eq + 1).trim());
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
