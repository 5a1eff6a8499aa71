import { Box, Text } from 'ink';
import { fit } from '../text/format-waterfall-text.js';
import type { HeaderViewModel } from '../view-models/header-view-model.js';

/** Source, live/paused, rates, percentiles, sparkline and buffer counts. */
export function Header({ model, width }: { model: HeaderViewModel; width: number }) {
  const mode = ` ${model.mode} `;
  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{fit(model.title, width - mode.length)}</Text>
        <Text inverse color={model.mode === 'LIVE' ? 'green' : 'yellow'}>
          {mode}
        </Text>
      </Text>
      <Text>{fit(model.stats, width)}</Text>
      <Text dimColor>{fit(model.buffer, width)}</Text>
      {model.routes.map((line) => (
        <Text key={line}>{fit(line, width)}</Text>
      ))}
    </Box>
  );
}
