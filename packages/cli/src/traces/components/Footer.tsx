import { Text } from 'ink';
import { fit } from '../text/format-waterfall-text.js';

export interface FooterProps {
  view: 'list' | 'trace';
  filterDraft: string | undefined;
  filterError: string | undefined;
  position: string;
  width: number;
}

/** Key hints, or the filter being typed after `/`. */
export function Footer({ view, filterDraft, filterError, position, width }: FooterProps) {
  if (filterError) return <Text color="red">{fit(`filter: ${filterError}`, width)}</Text>;
  if (filterDraft !== undefined) {
    return (
      <Text color="cyan">
        {fit(`/${filterDraft}▏  (enter apply · esc cancel · e.g. errors >50ms status:5xx /zips)`, width)}
      </Text>
    );
  }
  const keys =
    view === 'list'
      ? '↑↓/jk move · enter open · / filter · p pause · s sort · r routes · ? help · q quit'
      : '↑↓/jk span · enter detail · esc back · q quit';
  const right = position ? `  ${position}` : '';
  return <Text dimColor>{fit(keys, width - right.length) + right}</Text>;
}
