/**
 * Where a person can look at a trace: `<trace UI>/trace/<id>`, Jaeger UI's own address. In Docker that is Jaeger
 * UI; in native, the embedded collector's web trace view serves the same path, so one link form works in both.
 */
import type { RecordedStackState } from '../../state/stack-state.js';

export function traceLink(state: RecordedStackState | undefined, traceId: string): string | undefined {
  if (!state) return undefined;
  return `${state.urls.traceUi}/trace/${traceId}`;
}

/** What the trace UI address is, for `zips up` and `zips status`. */
export function traceUiKind(state: { runtime?: RecordedStackState['runtime'] | undefined }): string {
  return state.runtime === 'docker' ? 'Jaeger UI' : 'zips trace view';
}
