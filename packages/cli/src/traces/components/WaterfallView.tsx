import { Box, Text } from 'ink';
import { fit } from '../text/format-waterfall-text.js';
import type { WaterfallViewModel } from '../view-models/waterfall-view-model.js';

/** Spans indented by depth with bars on the trace's time axis; the span detail below when open. */
export function WaterfallView({ model, width }: { model: WaterfallViewModel; width: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>{fit(model.title, width)}</Text>
      {model.lines.map((line) => (
        <Text key={line.spanId} color={line.error ? 'red' : undefined} inverse={line.selected}>
          {fit(line.text, width)}
        </Text>
      ))}
      {model.detail && (
        <Box
          flexDirection="column"
          borderStyle="single"
          borderTop
          borderBottom={false}
          borderLeft={false}
          borderRight={false}
        >
          {model.detail.map((line, i) => (
            // Detail lines can repeat (equal attributes on two events), so the position is the key.
            // biome-ignore lint/suspicious/noArrayIndexKey: static list rebuilt every frame
            <Text key={i}>{fit(line, width)}</Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
