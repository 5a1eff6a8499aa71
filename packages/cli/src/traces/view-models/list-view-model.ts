import {
  formatClock,
  formatDuration,
  matchesFilter,
  sortTraces,
  type TraceSummary,
} from '@zips/collector/view';
import type { FeedSnapshot } from '../feed/feed-snapshot.js';
import { fit } from '../text/format-waterfall-text.js';
import { bar } from '../text/sparkline.js';
import type { DashboardState } from './dashboard-state.js';
import { describeEmptyState, type EmptyStateViewModel } from './empty-state.js';

export type Tone = 'ok' | 'warn' | 'error' | 'dim';

/** One pre-formatted row: the component only lays out and colours these strings. */
export interface ListRowViewModel {
  traceId: string;
  selected: boolean;
  /** The whole row as text, exactly `width` columns. */
  text: string;
  tone: Tone;
}

export interface ListViewModel {
  columns: string;
  rows: ListRowViewModel[];
  /** Rows after filtering (the scroll range). */
  visible: TraceSummary[];
  empty: EmptyStateViewModel | undefined;
  /** e.g. `rows 1-20 of 240` */
  position: string;
}

/** Filtered and sorted summaries: the list the keys move through. */
export function visibleTraces(snapshot: FeedSnapshot, state: DashboardState): TraceSummary[] {
  const list = snapshot.summaries.filter((summary) => matchesFilter(summary, state.filter));
  // The feed already lists traces newest first.
  return state.sort === 'newest' ? list : sortTraces(list, state.sort);
}

interface Layout {
  wide: boolean;
  root: number;
}

function layoutFor(width: number): Layout {
  // Narrow terminals drop the bar and the services column before the operation name gets unreadable.
  const wide = width >= 90;
  const fixed = wide ? 62 : 36;
  return { wide, root: Math.max(8, width - fixed) };
}

function columnsLine(layout: Layout): string {
  const head = `  ${'TIME'.padEnd(12)} ${fit('ROOT', layout.root)} ${'ST'.padStart(3)} ${'DURATION'.padStart(8)}`;
  return layout.wide
    ? `${head} ${''.padEnd(8)} ${'SPANS'.padStart(5)} ${fit('SERVICES', 16)}  `
    : `${head} ${'SPANS'.padStart(5)}  `;
}

function rowText(summary: TraceSummary, layout: Layout, selected: boolean, maxMs: number): string {
  const mark = summary.error ? '✗' : summary.complete ? ' ' : '…';
  const head = [
    `${selected ? '›' : ' '} ${formatClock(summary.startMs)}`,
    fit(summary.root, layout.root),
    (summary.status === undefined ? '---' : String(summary.status)).padStart(3),
    formatDuration(summary.durationMs).padStart(8),
  ].join(' ');
  const spans = String(summary.spanCount).padStart(5);
  return layout.wide
    ? `${head} ${bar(maxMs > 0 ? summary.durationMs / maxMs : 0, 8)} ${spans} ${fit(summary.services.join(','), 16)} ${mark}`
    : `${head} ${spans} ${mark}`;
}

function toneOf(summary: TraceSummary): Tone {
  if (summary.error) return 'error';
  if (summary.status !== undefined && summary.status >= 400) return 'warn';
  return summary.complete ? 'ok' : 'dim';
}

/** The list body for a terminal of `width` columns with room for `height` rows. */
export function buildListViewModel(
  snapshot: FeedSnapshot,
  state: DashboardState,
  width: number,
  height: number,
): ListViewModel {
  const layout = layoutFor(width);
  const visible = visibleTraces(snapshot, state);
  const rowsShown = Math.max(1, height);
  const selected = Math.min(state.listIndex, Math.max(0, visible.length - 1));
  // Keep the selection in the middle of the page once it scrolls, like `less`.
  const start = Math.max(0, Math.min(selected - Math.floor(rowsShown / 2), visible.length - rowsShown));
  const page = visible.slice(start, start + rowsShown);
  const maxMs = Math.max(0, ...page.map((summary) => summary.durationMs));
  return {
    columns: columnsLine(layout),
    rows: page.map((summary, i) => ({
      traceId: summary.traceId,
      selected: start + i === selected,
      text: rowText(summary, layout, start + i === selected, maxMs),
      tone: toneOf(summary),
    })),
    visible,
    empty: visible.length === 0 ? describeEmptyState(snapshot, snapshot.summaries.length) : undefined,
    position: visible.length === 0 ? '' : `${start + 1}-${start + page.length} of ${visible.length}`,
  };
}
