/** What `zips up` prints on stdout once the stack is healthy: services, URLs and the next commands to try. */
import { paint } from '../output/style.js';
import type { RecordedStackState } from '../state/stack-state.js';
import { traceUiKind } from './lookup/trace-link.js';

export function printStackSummary(state: RecordedStackState, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
    return;
  }
  const label = (text: string) => paint('bold', text.padEnd(12));
  const lines = [
    '',
    `${paint('green', '●')} zips is up (${state.runtime} runtime)`,
    `  ${label('App')}${state.urls.app}   e.g. ${state.urls.app}/zips/11215`,
    `  ${label('Trace UI')}${state.urls.traceUi}  (${traceUiKind(state)})`,
    `  ${label('OTLP/HTTP')}${state.urls.otlpHttp}`,
    `  ${label('Targets')}${(state.targets ?? []).map((t) => t.name).join(', ') || 'none'}`,
    '',
    'Next:',
    '  zips lookup 11215      look up a ZIP, traced end to end',
    '  zips traces            recent traces',
    '  zips status            services and health',
    '  zips down              stop everything',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}
