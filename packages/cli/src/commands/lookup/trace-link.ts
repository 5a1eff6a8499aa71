/** Where a person can look at a trace: the Jaeger UI in Docker, the embedded query API in native. */
import type { RecordedStackState } from '../../state/stack-state.js';

export function traceLink(state: RecordedStackState | undefined, traceId: string): string | undefined {
  if (!state) return undefined;
  if (state.runtime === 'docker') return `${state.urls.traceUi}/trace/${traceId}`;
  return `${state.urls.traceQuery}/api/v3/traces/${traceId}`;
}
