/**
 * Headers whose values come from the environment: how `--otlp-header name=ENV_VAR` is written and read, for
 * `zips up`, `zips config` and the embedded collector alike. The value never travels in argv or a file, only the
 * variable's name. No YAML here, so the collector process can import it without loading the YAML library.
 */

/** A header sent to a telemetry target, its value read from environment variable `env`. */
export interface HeaderFromEnv {
  /** HTTP header name, e.g. `x-api-key`. */
  name: string;
  /** Name of the environment variable holding the value, e.g. `OTLP_KEY`. */
  env: string;
}

/** RFC 9110 token: what an HTTP field name may be. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A POSIX-style environment variable name. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Accepts `VAR`, `${VAR}` and `${env:VAR}`; returns `VAR`, or undefined when it is not an env reference. */
export function envVarName(reference: string): string | undefined {
  const match = /^(?:\$\{(?:env:)?([^}]*)\}|(.*))$/.exec(reference.trim());
  const name = match?.[1] ?? match?.[2] ?? '';
  return ENV_NAME.test(name) ? name : undefined;
}

/** `name=ENV_VAR` as typed, split and checked; `header` is set only when both halves are valid. */
export interface ParsedHeaderArg {
  /** The header name as typed (trimmed); the whole text when there is no `=`. */
  name: string;
  /** What follows the first `=` (trimmed): `VAR`, `${VAR}` or `${env:VAR}`; '' when there is no `=`. */
  reference: string;
  header?: HeaderFromEnv;
  /** Why it is not usable: no `=`, a bad header name, or a value that is not a variable name. */
  problem?: 'no-equals' | 'header-name' | 'env-name';
}

/** Parses one `--otlp-header` value, `name=ENV_VAR` (also `name=${ENV_VAR}`). */
export function parseHeaderArg(text: string): ParsedHeaderArg {
  const eq = text.indexOf('=');
  if (eq < 0) return { name: text.trim(), reference: '', problem: 'no-equals' };
  const name = text.slice(0, eq).trim();
  const reference = text.slice(eq + 1).trim();
  if (!HEADER_NAME.test(name)) return { name, reference, problem: 'header-name' };
  const env = envVarName(reference);
  if (env === undefined) return { name, reference, problem: 'env-name' };
  return { name, reference, header: { name, env } };
}

/** The flag form of a header, `name=ENV_VAR`: what {@link parseHeaderArg} reads back. */
export function formatHeaderArg(header: HeaderFromEnv): string {
  return `${header.name}=${header.env}`;
}
