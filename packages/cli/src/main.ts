/**
 * Process entry of the `zips` CLI and its one exit site: parse, run the command, map whatever it threw to a
 * message on stderr and an exit code (see `errors.ts`). commander (and the command tree) is loaded only when
 * needed: the plain forms of `zips lookup` take a fast path that skips it.
 */
import { parseLookupArgv } from './commands/lookup/parse-lookup-argv.js';
import { ExitCode, ZipsError } from './errors.js';
import { formatError } from './output/format-error.js';
import { isVerbose, setVerbose } from './output/verbosity.js';

const argv = process.argv.slice(2);
setVerbose(argv.includes('--verbose'));

let exitCode: number;
try {
  exitCode = await run(argv);
} catch (error) {
  process.stderr.write(`${formatError(error, isVerbose())}\n`);
  exitCode = error instanceof ZipsError ? error.exitCode : ExitCode.failure;
}
process.exit(exitCode);

async function run(args: string[]): Promise<number> {
  const lookup = await parseLookupArgv(args);
  if (lookup) {
    await (await import('./commands/lookup.js')).lookup(lookup.zip, lookup.options);
    return ExitCode.ok;
  }
  const [{ createProgram }, { CommanderError }] = await Promise.all([
    import('./cli.js'),
    import('commander'),
  ]);
  try {
    await createProgram().parseAsync(args, { from: 'user' });
    return ExitCode.ok;
  } catch (error) {
    // commander already printed its message; help and --version end with exit code 0.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    throw error;
  }
}
