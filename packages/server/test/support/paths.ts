/** Where the server's tests find the repository and the built server: worked out in one place. */
import { packagePath } from '@zips/test-support/repo-paths';

export { repoRoot } from '@zips/test-support/repo-paths';

export const mainScript = packagePath('server', 'dist', 'src', 'main.js');
export const registerScript = packagePath('server', 'dist', 'src', 'telemetry', 'register.js');
export const buildDatasetScript = packagePath('server', 'dist', 'src', 'dataset', 'build-dataset-cli.js');
export const serverPackageJson = packagePath('server', 'package.json');
