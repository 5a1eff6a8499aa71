import { defaultDataFile, defaultTemplatesDir } from './paths.js';

/** How `main.ts` starts the server, read from the environment. */
export interface ServerConfig {
  /** `PORT`; 0 picks a free port. @default 5000 */
  port: number;
  /** `HOST`. @default '0.0.0.0' */
  host: string;
  /** `ZIPS_DATA_FILE`. @default `data/zips.json` at the repository root */
  dataFile: string;
  /** `ZIPS_TEMPLATES_DIR`. @default `templates/` at the repository root */
  templatesDir: string;
  /** `ZIPS_SHUTDOWN_TIMEOUT_MS`: how long in-flight requests get after SIGTERM. @default 5000 */
  shutdownTimeoutMs: number;
}

/** Thrown for an unusable environment variable; the message names it and the accepted values. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readServerConfig(env: NodeJS.ProcessEnv): ServerConfig {
  return {
    port: integer(env, 'PORT', 5000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataFile: env.ZIPS_DATA_FILE || defaultDataFile,
    templatesDir: env.ZIPS_TEMPLATES_DIR || defaultTemplatesDir,
    shutdownTimeoutMs: integer(env, 'ZIPS_SHUTDOWN_TIMEOUT_MS', 5000, 0, 600_000),
  };
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new ConfigError(
      `${name}=${JSON.stringify(raw)} is not valid; use a whole number from ${min} to ${max}`,
    );
  }
  return value;
}
