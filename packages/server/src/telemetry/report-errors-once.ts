import type { Exception } from '@opentelemetry/api';

/** How many distinct kinds of telemetry error are reported before going quiet. */
const MAX_KINDS = 10;

/**
 * An OpenTelemetry global error handler that reports each kind of error once (an unreachable collector fails
 * every batch the same way) and counts the repeats, so exporter trouble cannot flood the log.
 */
export function createReportOnceHandler(log: (line: string) => void): {
  handle: (error: Exception) => void;
  /** Repeats that were not logged, by kind. */
  suppressed: () => number;
} {
  const seen = new Set<string>();
  let repeats = 0;
  return {
    handle(error) {
      const { kind, message } = describe(error);
      if (seen.has(kind) || seen.size >= MAX_KINDS) {
        repeats++;
        return;
      }
      seen.add(kind);
      log(
        `zips telemetry: ${message} (spans may be lost; requests are not affected; further errors like this are not logged)`,
      );
    },
    suppressed: () => repeats,
  };
}

function describe(error: Exception): { kind: string; message: string } {
  if (typeof error === 'string') return { kind: error.slice(0, 80), message: error };
  const code = (error as { code?: unknown }).code;
  const message = error.message ?? String(error);
  const kind = typeof code === 'string' || typeof code === 'number' ? String(code) : message.slice(0, 80);
  return { kind, message };
}
