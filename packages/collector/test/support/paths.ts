/** Where the collector's tests find the built process entry and the shared fixtures: worked out in one place. */
import { packagePath } from '@zips/test-support/repo-paths';

export { fixturePath, fixturesMissing, readFixture, repoRoot } from '@zips/test-support/repo-paths';

/** The collector process `zips up` runs (the package's `./main` export). */
export const collectorMain = packagePath('collector', 'dist', 'src', 'main.js');
