import { type EmptyStateViewModel, hiddenByFilter, noTracesYet } from '@zips/collector/view';
import type { FeedSnapshot } from '../feed/feed-snapshot.js';

export type { EmptyStateViewModel } from '@zips/collector/view';

/** The list is empty for a reason the user can act on; say which one is most likely. */
export function describeEmptyState(snapshot: FeedSnapshot, hiddenCount: number): EmptyStateViewModel {
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
  if (hiddenCount > 0) {
    return hiddenByFilter(hiddenCount, 'press / to change the filter (type `health` to show health checks)');
  }
  return noTracesYet(health.services.length > 0);
}
