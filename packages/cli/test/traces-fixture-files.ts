import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `../shared/fixtures` next to the repository root (tests run from `packages/cli/dist/test/`). */
export const fixturesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures');

/** Why fixture tests are skipped, or false when the fixtures are there. */
export const fixturesMissing = existsSync(fixturesDir)
  ? false
  : `upstream fixtures not found at ${fixturesDir} (clone them next to the repo as ../shared/fixtures)`;

export function fixtureText(relativePath: string): string {
  return readFileSync(resolve(fixturesDir, relativePath), 'utf8');
}

export function fixtureJson(relativePath: string): unknown {
  return JSON.parse(fixtureText(relativePath));
}
