import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this module's own location (`packages/server/dist/src/paths.js`), so the
 * defaults hold wherever the repo or the Docker image puts the package, as long as the layout is kept.
 */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** `data/zips.json` at the repository root. */
export const defaultDataFile = fileURLToPath(new URL('data/zips.json', `file://${repoRoot}`));

/** `templates/` at the repository root. */
export const defaultTemplatesDir = fileURLToPath(new URL('templates/', `file://${repoRoot}`));
