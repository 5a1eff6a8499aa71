import type { TraceFilter } from '@zips/collector/view';
import { UsageError } from '../errors.js';
import { parseHumanDuration } from './text/parse-human-duration.js';

/** The flags of `zips traces`, exactly as the CLI declares them. */
export interface TracesOptions {
  /** Follow new traces (the default unless `--once`). */
  tail?: boolean;
  /** Print the recent traces and exit. */
  once?: boolean;
  /** NDJSON (lists) or OTLP JSON (one trace). */
  json?: boolean;
  /** How many recent traces to print; the dashboard buffers this many. @default 20 (10000 in the dashboard) */
  limit?: number;
  service?: string;
  /** How far back to look, e.g. `5m`. @default 15m */
  since?: string;
  route?: string;
  errors?: boolean;
  minDuration?: string;
  endpoint?: string;
}

/** Validated options: every flag problem is reported before any network call. */
export interface TracesPlan {
  filter: TraceFilter;
  lookbackMs: number;
  limit: number | undefined;
  durationMinMs: number | undefined;
}

export const defaultLookbackMs = 15 * 60_000;

export function planTraces(options: TracesOptions, nowMs: number): TracesPlan {
  if (options.once && options.tail) {
    throw new UsageError(
      '--once and --tail contradict each other.',
      'Use --once for a snapshot or --tail to follow.',
    );
  }
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new UsageError(`--limit ${options.limit} must be a whole number of at least 1.`);
  }
  const lookbackMs =
    options.since === undefined ? defaultLookbackMs : parseHumanDuration(options.since, '--since');
  const durationMinMs =
    options.minDuration === undefined ? undefined : parseHumanDuration(options.minDuration, '--min-duration');
  return {
    filter: {
      service: options.service,
      route: options.route,
      errorsOnly: options.errors,
      minDurationMs: durationMinMs,
      sinceMs: options.since === undefined ? undefined : nowMs - lookbackMs,
    },
    lookbackMs,
    limit: options.limit,
    durationMinMs,
  };
}

/** Accepts the ids people paste: any case, 16 or 32 hex characters (Jaeger drops leading zeros, so 1–32). */
export function normalizeTraceId(text: string): string {
  const id = text.trim().toLowerCase();
  if (!/^[0-9a-f]{1,32}$/.test(id) || /^0+$/.test(id)) {
    throw new UsageError(
      `"${text}" is not a trace id.`,
      'A trace id is up to 32 hex characters, as printed by `zips traces --once`.',
    );
  }
  return id.padStart(32, '0');
}
