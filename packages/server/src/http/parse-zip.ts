import { badRequest, quote } from './http-error.js';

const ZIP = /^[0-9]{5}$/;

/** Returns `raw` when it is exactly five ASCII digits, else throws a 400 naming the value. */
export function parseZip(raw: string, param = 'zip'): string {
  if (ZIP.test(raw)) return raw;
  throw badRequest(`${quote(raw)} is not a ZIP code: expected exactly 5 digits, like 11215`, param);
}
