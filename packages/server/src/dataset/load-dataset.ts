import { readFile } from 'node:fs/promises';
import type { DatasetFile } from '../types.js';
import { ZipIndex } from './zip-index.js';

/** A loaded dataset: the index plus the provenance recorded by `npm run data`. */
export interface Dataset {
  index: ZipIndex;
  source: DatasetFile['source'];
  counts: DatasetFile['counts'];
}

/** Thrown when the dataset file is missing or unreadable; the message says how to produce it. */
export class DatasetLoadError extends Error {
  override name = 'DatasetLoadError';
}

/** Reads `data/zips.json` (as written by `npm run data`) into an index. */
export async function loadDataset(file: string): Promise<Dataset> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new DatasetLoadError(
      `dataset ${file} ${reason}; run \`npm run data\` (or point ZIPS_DATA_FILE at a zips.json)`,
      { cause: error },
    );
  }
  let parsed: DatasetFile;
  try {
    parsed = JSON.parse(text) as DatasetFile;
  } catch (error) {
    throw new DatasetLoadError(`dataset ${file} is not valid JSON; rebuild it with \`npm run data\``, {
      cause: error,
    });
  }
  if (parsed.formatVersion !== 1 || !Array.isArray(parsed.records)) {
    throw new DatasetLoadError(
      `dataset ${file} has an unknown format (formatVersion ${String(parsed.formatVersion)}); rebuild it with \`npm run data\``,
    );
  }
  return { index: new ZipIndex(parsed.records), source: parsed.source, counts: parsed.counts };
}
