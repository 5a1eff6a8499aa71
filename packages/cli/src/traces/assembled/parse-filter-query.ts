import type { TraceFilter } from '@zips/collector/view';
import { UsageError } from '../../errors.js';
import { parseHumanDuration } from '../text/parse-human-duration.js';

/**
 * Parses the `/` filter line of the dashboard: `errors`, `health`, `>50ms`, `status:5xx`, `404`,
 * `service:zips-server`, `route:/zips`, and any other word as a route substring.
 */
export function parseFilterQuery(text: string): TraceFilter {
  const filter: TraceFilter = {};
  for (const token of text.trim().split(/\s+/).filter(Boolean)) {
    const keyed = /^([a-z]+):(.*)$/i.exec(token);
    const key = keyed?.[1]?.toLowerCase() ?? '';
    const value = keyed?.[2] ?? token;
    if (token === 'errors' || token === 'error') filter.errorsOnly = true;
    else if (token === 'health') filter.showHealth = true;
    else if (token.startsWith('>')) filter.minDurationMs = parseHumanDuration(token.slice(1), 'min duration');
    else if (token.startsWith('<')) filter.maxDurationMs = parseHumanDuration(token.slice(1), 'max duration');
    else if (key === 'min') filter.minDurationMs = parseHumanDuration(value, 'min duration');
    else if (key === 'max') filter.maxDurationMs = parseHumanDuration(value, 'max duration');
    else if (key === 'status' || /^([1-5]xx|\d{3})$/i.test(token)) filter.status = checkStatus(value);
    else if (key === 'service') filter.service = value;
    else if (key === 'route' || key === '') filter.route = value;
    else
      throw new UsageError(`Unknown filter "${token}".`, 'Try: errors, >50ms, <1s, status:5xx, route:/zips.');
  }
  return filter;
}

function checkStatus(value: string): string {
  if (!/^([1-5]xx|\d{3})$/i.test(value)) {
    throw new UsageError(
      `Status "${value}" is not an HTTP status.`,
      'Use a code like 404 or a class like 5xx.',
    );
  }
  return value.toLowerCase();
}
