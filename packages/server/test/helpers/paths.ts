import { fileURLToPath } from 'node:url';

/** Built files of the server, from `dist/test/helpers/` (tests run from the build output). */
export const mainScript = fileURLToPath(new URL('../../src/main.js', import.meta.url));
export const registerScript = fileURLToPath(new URL('../../src/telemetry/register.js', import.meta.url));
export const buildDatasetScript = fileURLToPath(
  new URL('../../src/dataset/build-dataset-cli.js', import.meta.url),
);
