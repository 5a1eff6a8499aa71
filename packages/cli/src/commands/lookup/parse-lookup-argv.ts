/**
 * The start-up fast path of `zips lookup`: its plain forms (`lookup <zip> [--json] [--url <url>] [--no-trace]
 * [--verbose]`) are read with node's own `parseArgs`, so the most frequent command does not load commander and
 * declare the whole command tree (~40 ms of a ~150 ms start here). Anything else — `--help`, an unknown or
 * malformed option, a missing or extra argument, options before `lookup` — returns undefined and goes through
 * commander, which owns every message. cli-options.test checks both paths give the same options.
 */
import type { LookupOptions } from '../options.js';

/** Must stay in step with the `lookup` declaration in cli.ts (plus the program-wide `--verbose`). */
const options = {
  json: { type: 'boolean' },
  url: { type: 'string' },
  'no-trace': { type: 'boolean' },
  verbose: { type: 'boolean' },
} as const;

export async function parseLookupArgv(
  argv: readonly string[],
): Promise<{ zip: string; options: LookupOptions } | undefined> {
  if (argv[0] !== 'lookup') return undefined;
  // Not `import from 'node:util'`: the ESM facade of a built-in evaluates all its lazy exports.
  const { parseArgs } = process.getBuiltinModule?.('node:util') ?? (await import('node:util'));
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv.slice(1), options, allowPositionals: true, strict: true });
  } catch {
    return undefined; // commander explains what is wrong with the arguments
  }
  const { values, positionals } = parsed;
  const [zip] = positionals;
  if (zip === undefined || positionals.length !== 1 || argv.includes('--')) return undefined;
  return {
    zip,
    options: {
      json: values.json ?? false,
      ...(values.url !== undefined ? { url: values.url } : {}),
      trace: !values['no-trace'],
    },
  };
}
