/**
 * Process entry of the `zips` CLI and its one exit site: parse, run the command, map whatever it threw to a
 * message on stderr and an exit code (see `errors.ts`).
 */
import { CommanderError } from 'commander';
import { createProgram } from './cli.js';
import { ExitCode, ZipsError } from './errors.js';
import { formatError } from './output/format-error.js';
import { isVerbose, setVerbose } from './output/verbosity.js';

const argv = process.argv.slice(2);
setVerbose(argv.includes('--verbose'));

let exitCode: number = ExitCode.ok;
try {
  await createProgram().parseAsync(argv, { from: 'user' });
} catch (error) {
  exitCode = exitCodeFor(error);
}
process.exit(exitCode);

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message; help and --version end with exit code 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  process.stderr.write(`${formatError(error, isVerbose())}\n`);
  return error instanceof ZipsError ? error.exitCode : ExitCode.failure;
}
