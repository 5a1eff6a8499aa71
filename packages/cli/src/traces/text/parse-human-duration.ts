import { UsageError } from '../../errors.js';

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const durationPattern = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/**
 * Parses a human duration such as `500ms`, `30s`, `5m`, `2h` into milliseconds. A unit is required so that
 * `--min-duration 50` can't silently mean 50 seconds to one reader and 50 ms to another.
 */
export function parseHumanDuration(text: string, flag: string): number {
  const match = durationPattern.exec(text.trim());
  const unit = match?.[2];
  if (match?.[1] === undefined || unit === undefined) {
    throw new UsageError(
      `${flag} "${text}" is not a duration.`,
      `Use a number followed by a unit: 500ms, 30s, 5m, 2h or 1d (for example \`${flag} 5m\`).`,
    );
  }
  return Number(match[1]) * (unitMs[unit] ?? 1);
}
