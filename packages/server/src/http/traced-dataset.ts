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
