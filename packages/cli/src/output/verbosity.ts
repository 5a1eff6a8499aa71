/**
 * Whether diagnostics (stack traces, debug lines) are wanted: `--verbose` on the command line, or DEBUG set to
 * anything mentioning zips (or `*`). Kept as module state because `main.ts` sets it once from argv.
 */
let verboseFlag = false;

export function setVerbose(value: boolean): void {
  verboseFlag = value;
}

export function isVerbose(env: NodeJS.ProcessEnv = process.env): boolean {
  const debug = env.DEBUG ?? '';
  return verboseFlag || debug === '1' || debug === '*' || debug.includes('zips');
}

/** CI services set CI=true; there we print no spinners and only the lines that matter. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}
