/** Where the CLI's tests find the repository, the built CLI and the shared fixtures: worked out in one place. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixturesMissing, packagePath, repoRoot, sharedFixturesDir } from '@zips/test-support/repo-paths';

export { fixturePath, fixturesMissing, repoRoot, sharedFixturesDir } from '@zips/test-support/repo-paths';

/** The `zips` executable as users run it (`bin/zips.js` → `dist/src/main.js`). */
export const zipsBin = packagePath('cli', 'bin', 'zips.js');
/** The embedded collector's process entry, as the CLI resolves it. */
export const collectorMain = fileURLToPath(import.meta.resolve('@zips/collector/main'));
/** The CLI's package.json. */
export const cliPackageJson = packagePath('cli', 'package.json');
/** Compiled modules of the CLI, for tests that import a module by URL or spawn one. */
export const cliDist = (...parts: string[]) => packagePath('cli', 'dist', ...parts);
/** State folder of a compose project run from the repository root. */
export const stackDir = (project: string) => resolve(repoRoot, '.zips', 'stack', project);

export function fixtureText(relativePath: string): string {
  if (fixturesMissing) throw new Error(fixturesMissing);
  return readFileSync(resolve(sharedFixturesDir, relativePath), 'utf8');
}

export function fixtureJson(relativePath: string): unknown {
  return JSON.parse(fixtureText(relativePath));
}
