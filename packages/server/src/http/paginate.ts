import type { ZipRecord } from '../types.js';

/** One page of a ZIP-ordered list. */
export interface Page {
  records: readonly ZipRecord[];
  /** ZIP to pass as `cursor` for the next page, or null on the last page. */
  nextCursor: string | null;
}

/**
 * Returns the records after `cursor` (exclusive), at most `limit` of them. The cursor is the last ZIP of
 * the previous page, so pages stay stable and a cursor can be found by binary search instead of a scan.
 */
export function paginate(
  records: readonly ZipRecord[],
  cursor: string | undefined,
  limit: number | undefined,
): Page {
  const start = cursor === undefined ? 0 : firstAfter(records, cursor);
  const end = limit === undefined ? records.length : Math.min(records.length, start + limit);
  const page = records.slice(start, end);
  const last = page.at(-1);
  return { records: page, nextCursor: end < records.length && last ? last.zip : null };
}

function firstAfter(records: readonly ZipRecord[], zip: string): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((records[mid]?.zip ?? '') <= zip) low = mid + 1;
    else high = mid;
  }
  return low;
}
