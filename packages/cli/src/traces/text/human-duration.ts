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

/** Formats milliseconds compactly for tables: `840µs`, `12.3ms`, `1.24s`, `2m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)}µs`;
  if (ms < 100) return `${ms.toFixed(1)}ms`;
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}
