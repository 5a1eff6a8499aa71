import type { DuplicateResolution } from '../types.js';
import type { GeonamesRow } from './parse-geonames.js';

/** Rows with one row per ZIP code, plus a record of every choice made. */
export interface ResolvedRows {
  rows: GeonamesRow[];
  duplicates: DuplicateResolution[];
}

/**
 * Keeps one row per ZIP code. The rule is deterministic and independent of file order beyond ties: the most
 * complete row wins (a state code counts more than a county), and among equally complete rows the earliest
 * line wins. In GeoNames' US file this keeps `96860 Jbphh, HI` over `96860 FPO AA` with no state.
 */
export function resolveDuplicates(input: readonly GeonamesRow[]): ResolvedRows {
  const byZip = new Map<string, GeonamesRow[]>();
  for (const row of input) {
    const group = byZip.get(row.zip);
    if (group) group.push(row);
    else byZip.set(row.zip, [row]);
  }
  const rows: GeonamesRow[] = [];
  const duplicates: DuplicateResolution[] = [];
  for (const [zip, group] of byZip) {
    const kept = group.reduce((best, row) => (completeness(row) > completeness(best) ? row : best));
    rows.push(kept);
    if (group.length > 1) {
      const droppedLines = group.filter((row) => row !== kept).map((row) => row.line);
      duplicates.push({ zip, keptLine: kept.line, droppedLines });
    }
  }
  rows.sort((a, b) => compare(a.zip, b.zip));
  duplicates.sort((a, b) => compare(a.zip, b.zip));
  return { rows, duplicates };
}

function completeness(row: GeonamesRow): number {
  return (row.stateCode === '' ? 0 : 2) + (row.county === '' ? 0 : 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
