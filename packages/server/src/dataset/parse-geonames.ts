/** One row of a GeoNames postal-code dump, with its 1-based line number kept for error messages. */
export interface GeonamesRow {
  line: number;
  zip: string;
  placeName: string;
  stateName: string;
  stateCode: string;
  county: string;
  latitude: number;
  longitude: number;
}

/** Thrown when the source file is not the 12-column GeoNames format; names the line so it can be checked. */
export class GeonamesFormatError extends Error {
  override name = 'GeonamesFormatError';
}

const COLUMNS = 12;
const ZIP_PATTERN = /^[0-9]{5}$/;

/**
 * Parses GeoNames' tab-separated postal-code format (country, postal code, place name, admin name1/code1,
 * admin name2/code2, admin name3/code3, latitude, longitude, accuracy). Empty lines are skipped; anything
 * else malformed throws, because a silently shortened dataset would be worse than a failed build.
 */
export function parseGeonames(text: string): GeonamesRow[] {
  const rows: GeonamesRow[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]?.replace(/\r$/, '') ?? '';
    if (raw === '') continue;
    rows.push(parseLine(raw, index + 1));
  }
  return rows;
}

function parseLine(raw: string, line: number): GeonamesRow {
  const cells = raw.split('\t');
  if (cells.length !== COLUMNS) {
    throw new GeonamesFormatError(
      `line ${line}: expected ${COLUMNS} tab-separated columns, got ${cells.length}`,
    );
  }
  const [, zip = '', placeName = '', stateName = '', stateCode = '', county = ''] = cells;
  if (!ZIP_PATTERN.test(zip)) {
    throw new GeonamesFormatError(`line ${line}: postal code ${JSON.stringify(zip)} is not 5 digits`);
  }
  const latitude = Number(cells[9]);
  const longitude = Number(cells[10]);
  if (cells[9] === '' || cells[10] === '' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    throw new GeonamesFormatError(`line ${line}: coordinates ${cells[9]},${cells[10]} are not numbers`);
  }
  return {
    line,
    zip,
    placeName: placeName.normalize('NFC'),
    stateName: stateName.normalize('NFC'),
    stateCode,
    county: county.normalize('NFC'),
    latitude,
    longitude,
  };
}
