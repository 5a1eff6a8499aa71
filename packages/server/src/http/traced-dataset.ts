import type { ZipFilter, ZipIndex } from '../dataset/zip-index.js';
import { ZipsAttributes, ZipsSpans } from '../tracing/attributes.js';
import { inSpan } from '../tracing/tracer.js';
import type { ZipRecord } from '../types.js';

/** Looks one ZIP up, in a `zips.lookup` span carrying `zips.zip` and `zips.found`. */
export function findZip(index: ZipIndex, zip: string): ZipRecord | undefined {
  return inSpan(ZipsSpans.LOOKUP, { [ZipsAttributes.ZIP]: zip }, (span) => {
    const record = index.get(zip);
    span.setAttribute(ZipsAttributes.FOUND, record !== undefined);
    return record;
  });
}

/** A ZIP's record and up to `max` other ZIP codes of the same place (same city, and state when it has one). */
export interface ZipWithNeighbours {
  record: ZipRecord;
  neighbours: readonly ZipRecord[];
}

/**
 * What a ZIP page shows from the dataset, in one `zips.lookup` span carrying `zips.zip`, `zips.found` and
 * `zips.neighbour_count`. One span, not a lookup and a filter span: each span costs about as much again as the
 * request's own work under load (measured: dropping the page's separate filter span took c/d on `GET /11215`
 * from 1.66 to 2.10 in one interleaved run), and the page's two index reads belong together.
 */
export function findZipWithNeighbours(
  index: ZipIndex,
  zip: string,
  max: number,
): ZipWithNeighbours | undefined {
  return inSpan(ZipsSpans.LOOKUP, { [ZipsAttributes.ZIP]: zip }, (span) => {
    const record = index.get(zip);
    span.setAttribute(ZipsAttributes.FOUND, record !== undefined);
    if (record === undefined) return undefined;
    const place = record.state === null ? { city: record.city } : { city: record.city, state: record.state };
    const neighbours = index
      .filter(place)
      .filter((other) => other.zip !== record.zip)
      .slice(0, max);
    span.setAttribute(ZipsAttributes.NEIGHBOUR_COUNT, neighbours.length);
    return { record, neighbours };
  });
}

/** Filters the dataset, in a `zips.filter` span carrying the filters and `zips.match_count`. */
export function filterZips(index: ZipIndex, filter: ZipFilter): readonly ZipRecord[] {
  const attributes: Record<string, string> = {};
  if (filter.state !== undefined) attributes[ZipsAttributes.FILTER_STATE] = filter.state;
  if (filter.city !== undefined) attributes[ZipsAttributes.FILTER_CITY] = filter.city;
  return inSpan(ZipsSpans.FILTER, attributes, (span) => {
    const records = index.filter(filter);
    span.setAttribute(ZipsAttributes.MATCH_COUNT, records.length);
    return records;
  });
}
