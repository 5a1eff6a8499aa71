import type { TraceFilter } from '@zips/collector/view';
import { Box, useWindowSize } from 'ink';
import { useEffect, useState } from 'react';
import type { SnapshotSource } from '../feed/feed-snapshot.js';
import { initialDashboardState } from '../view-models/dashboard-state.js';
import { buildHeaderViewModel } from '../view-models/header-view-model.js';
import { buildListViewModel } from '../view-models/list-view-model.js';
import { buildWaterfallViewModel } from '../view-models/waterfall-view-model.js';
import { Footer } from './Footer.js';
import { Header } from './Header.js';
import { HelpScreen } from './HelpScreen.js';
import { TraceList } from './TraceList.js';
import { useDashboardKeys } from './use-dashboard-keys.js';
import { useFeedSnapshot } from './use-feed-snapshot.js';
import { WaterfallView } from './WaterfallView.js';

export interface DashboardProps {
  source: SnapshotSource;
  /** Filter from the command line (`--route`, `--errors`, ...). @default {} */
  initialFilter?: TraceFilter;
  /** Minimum time between two frames. @default 200 */
  frameMs?: number;
}

/** `zips traces --tail`: the live list, the waterfall of one trace, filters and help. */
export function Dashboard({ source, initialFilter = {}, frameMs = 200 }: DashboardProps) {
  const { columns, rows } = useWindowSize();
  const [state, setState] = useState(() => initialDashboardState(initialFilter));
  const snapshot = useFeedSnapshot(source, state.paused, frameMs);
  const width = Math.max(40, columns - 1);
  const header = buildHeaderViewModel(snapshot, state, width);
  // One line short of the terminal, so Ink redraws in place instead of clearing the screen each frame.
  const bodyRows = Math.max(3, rows - 1 - (3 + header.routes.length) - 2);
  const list = buildListViewModel(snapshot, state, width, bodyRows);
  const spans = state.traceId ? snapshot.spansOf(state.traceId) : undefined;
  const waterfall =
    state.view === 'trace' && state.traceId && spans
      ? buildWaterfallViewModel(state.traceId, spans, state.spanIndex, state.spanDetail, width, bodyRows)
      : undefined;
  const traceGone = state.view === 'trace' && !spans;
  useEffect(() => {
    // The open trace was dropped from the full buffer: go back to the list rather than show nothing.
    if (traceGone)
      setState((current) => ({ ...current, view: 'list', traceId: undefined, spanDetail: false }));
  }, [traceGone]);
  useDashboardKeys(state, setState, {
    rowCount: list.visible.length,
    spanCount: waterfall?.spanCount ?? 0,
    traceIdAt: (index) => list.visible[index]?.traceId,
    pageSize: bodyRows,
  });
  return (
    <Box flexDirection="column" width={width}>
      <Header model={header} width={width} />
      {state.help ? (
        <HelpScreen width={width} height={bodyRows + 1} />
      ) : waterfall ? (
        <WaterfallView model={waterfall} width={width} />
      ) : (
        <TraceList
          model={{ columns: list.columns, rows: list.rows, empty: list.empty }}
          width={width}
          height={bodyRows + 1}
        />
      )}
      <Footer
        view={waterfall ? 'trace' : 'list'}
        filterDraft={state.filterDraft}
        filterError={state.filterError}
        position={waterfall ? '' : list.position}
        width={width}
      />
    </Box>
  );
}
