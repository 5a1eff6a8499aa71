import type { DatasetFile, DatasetSource, ZipRecord } from '../types.js';
import type { GeonamesRow } from './parse-geonames.js';
import { parseGeonames } from './parse-geonames.js';
import { resolveDuplicates } from './resolve-duplicates.js';

/** Turns the text of GeoNames' `US.txt` into the dataset file zips serves. Pure, so tests can run it directly. */
export function buildDataset(sourceText: string, source: DatasetSource): DatasetFile {
  const parsed = parseGeonames(sourceText);
  const { rows, duplicates } = resolveDuplicates(parsed);
  return {
    formatVersion: 1,
    source,
    counts: {
      sourceRows: parsed.length,
      records: rows.length,
      duplicateRowsDropped: parsed.length - rows.length,
    },
    duplicates,
    records: rows.map(toRecord),
  };
}

function toRecord(row: GeonamesRow): ZipRecord {
  return {
    zip: row.zip,
    city: row.placeName,
    state: row.stateCode || null,
    stateName: row.stateName || null,
    county: row.county || null,
    latitude: row.latitude,
    longitude: row.longitude,
  };
}
