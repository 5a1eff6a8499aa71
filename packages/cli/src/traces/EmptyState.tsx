import { Box, Text } from 'ink';
import type { EmptyStateViewModel } from './empty-state.js';
import { fit } from './format-waterfall-text.js';

/** Why nothing is listed, and the commands that usually fix it. */
export function EmptyState({ model, width }: { model: EmptyStateViewModel; width: number }) {
  return (
    <Box flexDirection="column" paddingTop={1}>
      <Text bold>{fit(`  ${model.title}`, width)}</Text>
      {model.reasons.map((reason) => (
        <Text key={reason}>{fit(`  · ${reason}`, width)}</Text>
      ))}
      {model.suggestions.length > 0 && <Text>{fit('  Try:', width)}</Text>}
      {model.suggestions.map((command) => (
        <Text key={command} color="cyan">
          {fit(`    ${command}`, width)}
        </Text>
      ))}
    </Box>
  );
}
