/**
 * How the zips server is meant to be started, for every launcher (the CLI's native runtime, the Dockerfile,
 * `npm run serve`, the benchmark). The node flags live in this package's `package.json` (`zips.nodeFlags`) so
 * that launchers which cannot import TypeScript types (the CLI is built before this package) read the same list.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the app entry point (`dist/src/main.js`). */
export const serverMainScript = fileURLToPath(new URL('./main.js', import.meta.url));
/** Absolute path of the telemetry bootstrap preloaded with `--import`. */
export const serverRegisterScript = fileURLToPath(new URL('./telemetry/register.js', import.meta.url));

interface ServerPackageJson {
  zips?: { nodeFlags?: string[] };
}

/**
 * Node flags the server runs with. They cap V8's heap growth: with telemetry on, every request's spans live
 * until they are exported, which makes V8 grow its young generation to 128 MB and let old-space garbage pile
 * up (RSS 300-400 MB under load). Capped, RSS stays about 200 MB at the same throughput.
 */
export const serverNodeFlags: readonly string[] = readNodeFlags();

/** Options of {@link serverNodeArgs}. */
export interface ServerNodeArgsOptions {
  /** Preload the telemetry bootstrap. @default true */
  telemetry?: boolean;
}

/** The arguments after `node`: flags, the telemetry bootstrap (unless disabled) and the app. */
export function serverNodeArgs({ telemetry = true }: ServerNodeArgsOptions = {}): string[] {
  const preload = telemetry ? ['--import', serverRegisterScript] : [];
  return [...serverNodeFlags, ...preload, serverMainScript];
}

function readNodeFlags(): string[] {
  const packageJson = fileURLToPath(new URL('../../package.json', import.meta.url));
  const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as ServerPackageJson;
  return parsed.zips?.nodeFlags ?? [];
}
