/** Validates the `<zip>` argument of `zips lookup` before any network traffic. */
import { UsageError } from '../../errors.js';

export function parseZipArg(zip: string): string {
  const trimmed = zip.trim();
  if (/^\d{5}$/.test(trimmed)) return trimmed;
  throw new UsageError(
    `"${zip}" is not a ZIP code: expected exactly 5 digits.`,
    'Pass a 5-digit US ZIP code, e.g. `zips lookup 11215`.',
  );
}
