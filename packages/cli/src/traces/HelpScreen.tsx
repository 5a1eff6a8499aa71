import { Box, Text } from 'ink';
import { fit } from './format-waterfall-text.js';

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
  'Rows: time, root operation, HTTP status, duration, span count, services;',
  '✗ marks an error, … a trace still receiving spans. Health checks are hidden unless the filter says `health`.',
];

export function HelpScreen({ width }: { width: number }) {
  return (
    <Box flexDirection="column" paddingTop={1}>
      {lines.map((line) => (
        <Text key={line}>{fit(line, width)}</Text>
      ))}
    </Box>
  );
}
