import { Box, Text } from 'ink';
import { fit } from '../text/format-waterfall-text.js';
import type { EmptyStateViewModel } from '../view-models/empty-state.js';

/** Why nothing is listed, and the commands that usually fix it; cut to `height` lines. */
export function EmptyState({
  model,
  width,
  height,
}: {
  model: EmptyStateViewModel;
  width: number;
  height: number;
}) {
  const lines: { text: string; tone?: 'title' | 'command' }[] = [
    { text: '' },
    { text: `  ${model.title}`, tone: 'title' },
    ...model.reasons.map((reason) => ({ text: `  · ${reason}` })),
    ...(model.suggestions.length > 0 ? [{ text: '  Try:' }] : []),
    ...model.suggestions.map((command) => ({ text: `    ${command}`, tone: 'command' as const })),
  ];
  return (
    <Box flexDirection="column">
      {lines.slice(0, height).map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a static list rebuilt every frame
        <Text key={i} bold={line.tone === 'title'} color={line.tone === 'command' ? 'cyan' : undefined}>
          {fit(line.text, width)}
        </Text>
      ))}
    </Box>
  );
}
