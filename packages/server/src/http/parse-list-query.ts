import type { ZipIndex } from '../dataset/zip-index.js';
import { badRequest, quote } from './http-error.js';
import { parseZip } from './parse-zip.js';

/** Validated query of `GET /zips`. */
export interface ListQuery {
  state: string | undefined;
  city: string | undefined;
  limit: number | undefined;
  cursor: string | undefined;
}

/** Largest page `?limit=` accepts. */
export const MAX_LIMIT = 1000;
const MAX_CITY_LENGTH = 100;

/** Validates `state`, `city`, `limit` and `cursor`; throws a 400 naming the first bad parameter. */
export function parseListQuery(query: Record<string, unknown>, index: ZipIndex): ListQuery {
  return {
    state: parseState(single(query, 'state'), index),
    city: parseCity(single(query, 'city')),
    limit: parseLimit(single(query, 'limit')),
    cursor: optional(single(query, 'cursor'), (raw) => parseZip(raw, 'cursor')),
  };
}

/** True when the query asks for the whole, unfiltered list (the precompressed response). */
export function isWholeList(query: ListQuery): boolean {
  return (
    query.state === undefined &&
    query.city === undefined &&
    query.limit === undefined &&
    query.cursor === undefined
  );
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw badRequest(`query parameter "${name}" must be given once, as a plain value`, name);
}

function optional<T>(raw: string | undefined, parse: (raw: string) => T): T | undefined {
  return raw === undefined ? undefined : parse(raw);
}

function parseState(raw: string | undefined, index: ZipIndex): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(raw)) {
    throw badRequest(`state ${quote(raw)} is not a two-letter USPS state code, like NY`, 'state');
  }
  const state = raw.toUpperCase();
  if (!index.hasState(state)) {
    throw badRequest(
      `state ${quote(raw)} is not in the dataset; use one of ${index.states().join(', ')}`,
      'state',
    );
  }
  return state;
}

function parseCity(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const city = raw.trim();
  if (city === '' || city.length > MAX_CITY_LENGTH) {
    throw badRequest(
      `city must be a place name of 1 to ${MAX_CITY_LENGTH} characters, like brooklyn`,
      'city',
    );
  }
  return city;
}

function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const limit = /^[0-9]{1,7}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw badRequest(`limit ${quote(raw)} must be a whole number from 1 to ${MAX_LIMIT}`, 'limit');
  }
  return limit;
}
