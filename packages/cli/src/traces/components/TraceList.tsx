import { Box, Text } from 'ink';
import { fit } from '../text/format-waterfall-text.js';
import type { ListViewModel, Tone } from '../view-models/list-view-model.js';
import { EmptyState } from './EmptyState.js';

/** Only what is drawn: the full visible list stays out of props, which React's dev build would diff. */
export type TraceListModel = Pick<ListViewModel, 'columns' | 'rows' | 'empty'>;

const toneColor: Record<Tone, string | undefined> = {
  ok: undefined,
  warn: 'yellow',
  error: 'red',
  dim: 'gray',
};

/** One row per trace, newest first; the selected row is inverted. */
export function TraceList({
  model,
  width,
  height,
}: {
  model: TraceListModel;
  width: number;
  height: number;
}) {
  if (model.empty) return <EmptyState model={model.empty} width={width} height={height} />;
  return (
    <Box flexDirection="column">
      <Text dimColor>{fit(model.columns, width)}</Text>
      {model.rows.map((row) => (
        <Text key={row.traceId} color={toneColor[row.tone]} inverse={row.selected}>
          {fit(row.text, width)}
        </Text>
      ))}
    </Box>
  );
}
