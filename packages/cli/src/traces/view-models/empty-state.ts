import type { FeedSnapshot } from '../feed/feed-snapshot.js';

/** Why the list is empty and what to do about it. */
export interface EmptyStateViewModel {
  title: string;
  reasons: string[];
  suggestions: string[];
}

/** The list is empty for a reason the user can act on; say which one is most likely. */
export function describeEmptyState(snapshot: FeedSnapshot, hiddenByFilter: number): EmptyStateViewModel {
  const { health, source } = snapshot;
  if (health.lastError !== undefined) {
    return {
      title: `Cannot read traces from ${source}.`,
      reasons: [health.lastError, 'The stack may not be running, or --endpoint points elsewhere.'],
      suggestions: ['zips up', 'zips doctor', 'zips traces --endpoint http://127.0.0.1:16686'],
    };
  }
  if (health.polls === 0) {
    return { title: `Connecting to ${source}…`, reasons: [], suggestions: [] };
  }
  if (hiddenByFilter > 0) {
    return {
      title: `${hiddenByFilter} trace${hiddenByFilter === 1 ? '' : 's'} hidden by the filter.`,
      reasons: ['Health checks are hidden by default; the filter may be too narrow.'],
      suggestions: ['press / to change the filter (type `health` to show health checks)'],
    };
  }
  return {
    title:
      health.services.length === 0
        ? 'No service has sent traces yet.'
        : 'No requests in the time window yet.',
    reasons: [
      'Nothing has called the app yet, or its spans are still being exported.',
      'Or the app exports elsewhere (check OTEL_EXPORTER_OTLP_ENDPOINT).',
    ],
    suggestions: ['zips lookup 11215', 'zips doctor'],
  };
}
