import { Box, Text } from 'ink';
import { fit } from '../text/format-waterfall-text.js';

const lines = [
  'Keys',
  '  ↑/↓ j/k     move (PgUp/PgDn by a page)',
  '  enter       open the trace · in a trace: span detail',
  '  esc         back',
  '  /           filter: errors  >50ms  status:5xx  404  route:/zips  service:name  health',
  '  p           pause / resume the live list',
  '  s           sort: newest, slowest, errors first',
  '  r           per-route rates and percentiles',
  '  ?           this help (any of ? or esc closes it)',
  '  q           quit',
  '',
  'Rows: time, root operation, HTTP status, duration, span count, services.',
  '✗ marks an error, … a trace still receiving spans. Health checks are hidden unless the filter says `health`.',
];

/** The key reference (`?`), cut to `height` lines on small terminals. */
export function HelpScreen({ width, height }: { width: number; height: number }) {
  return (
    <Box flexDirection="column">
      {['', ...lines].slice(0, height).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blank lines repeat
        <Text key={i}>{fit(line, width)}</Text>
      ))}
    </Box>
  );
}
