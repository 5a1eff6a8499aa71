/**
 * Typed errors for the zips CLI. Commands throw these; only `main.ts` maps them to an exit code and a message
 * (one exit site). Every user-fixable error says what was wrong and what to do next.
 */

/** Exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  stackNotRunning: 4,
  dockerUnavailable: 5,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface ZipsErrorOptions {
  /** What the user can do next, e.g. "Run `zips up` first." */
  hint?: string;
  /** Process exit code. @default ExitCode.failure */
  exitCode?: ExitCode;
  cause?: unknown;
}

/** An error the user can act on: printed as `error: <message>` plus the hint, without a stack trace. */
export class ZipsError extends Error {
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(message: string, options: ZipsErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ZipsError';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failure;
  }
}

/** Wrong arguments or options (exit code 2). */
export class UsageError extends ZipsError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: ExitCode.usage });
    this.name = 'UsageError';
  }
}

/** The local stack is not running (exit code 4). */
export class StackNotRunningError extends ZipsError {
  constructor(message: string, hint = 'Start it with `zips up`, then try again.') {
    super(message, { hint, exitCode: ExitCode.stackNotRunning });
    this.name = 'StackNotRunningError';
  }
}
