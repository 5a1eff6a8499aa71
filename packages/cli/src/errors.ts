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

/** Something the user asked for does not exist, e.g. an unknown ZIP code (exit code 3). */
export class NotFoundError extends ZipsError {
  constructor(message: string, hint?: string) {
    super(message, { hint, exitCode: ExitCode.notFound });
    this.name = 'NotFoundError';
  }
}

/** The Docker engine or compose is not reachable (exit code 5). */
export class DockerUnavailableError extends ZipsError {
  constructor(
    message: string,
    hint = 'Start Docker (Docker Desktop, or `sudo systemctl start docker`), check `docker info`, or use `--runtime native`.',
    cause?: unknown,
  ) {
    super(message, { hint, exitCode: ExitCode.dockerUnavailable, cause });
    this.name = 'DockerUnavailableError';
  }
}

/** The user pressed Ctrl-C (exit code 130); whatever was started has been stopped again. */
export class InterruptedError extends ZipsError {
  constructor(message = 'Interrupted.', hint?: string) {
    super(message, { hint, exitCode: ExitCode.interrupted });
    this.name = 'InterruptedError';
  }
}

/** A port zips needs is already taken by another process. */
export class PortBusyError extends ZipsError {
  readonly port: number;
  constructor(what: string, port: number, flag: string | undefined) {
    super(`Port ${port} (${what}) is already in use on 127.0.0.1.`, {
      hint: flag
        ? `Stop the process using it (\`lsof -i :${port}\`), or pick another port with \`${flag} <port>\`.`
        : `Stop the process using it (\`lsof -i :${port}\`): the Docker runtime publishes this port as it is (\`zips up --runtime native\` does not use it).`,
    });
    this.name = 'PortBusyError';
    this.port = port;
  }
}

/** An external command (docker compose, ...) failed: keeps the command line, its exit code and the tail of stderr. */
export class ExternalCommandError extends ZipsError {
  readonly command: string;
  readonly commandExitCode: number | undefined;
  readonly stderrTail: string;

  constructor(command: string, commandExitCode: number | undefined, stderr: string, hint?: string) {
    const tail = stderr.trim().split('\n').slice(-15).join('\n');
    const how = commandExitCode === undefined ? 'could not be run' : `exited with code ${commandExitCode}`;
    super(`\`${command}\` ${how}.${tail ? `\n${tail}` : ''}`, { hint });
    this.name = 'ExternalCommandError';
    this.command = command;
    this.commandExitCode = commandExitCode;
    this.stderrTail = tail;
  }
}
