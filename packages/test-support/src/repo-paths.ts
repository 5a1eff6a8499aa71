/**
 * The repository's own locations, worked out once for every package's tests: this file runs from
 * `packages/test-support/dist/src/`, so the root is four folders up wherever the tests are started from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

/** `../shared/fixtures` beside the repository: real upstream data files (CI has a copy; a fresh clone may not). */
export const sharedFixturesDir = join(repoRoot, '..', 'shared', 'fixtures');

/** Why fixture tests skip, or false when the fixtures are there. */
export const fixturesMissing: string | false = existsSync(sharedFixturesDir)
  ? false
  : `upstream fixtures not found at ${sharedFixturesDir} (they live beside the repository as ../shared/fixtures)`;

/** Path of a shared fixture, or undefined when it (or the whole folder) is absent. */
export function fixturePath(...parts: string[]): string | undefined {
  const path = join(sharedFixturesDir, ...parts);
  return existsSync(path) ? path : undefined;
}

/** A shared fixture's bytes; throws saying where it was looked for when it is absent. */
export function readFixture(...parts: string[]): Buffer {
  const path = fixturePath(...parts);
  if (path === undefined) throw new Error(fixturesMissing || `fixture ${parts.join('/')} not found`);
  return readFileSync(path);
}

/** Path of a package of this workspace, e.g. `packagePath('cli', 'bin', 'zips.js')`. */
export function packagePath(name: string, ...parts: string[]): string {
  return join(repoRoot, 'packages', name, ...parts);
}
