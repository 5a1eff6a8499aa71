import { describeFilter, type SortKey, sortKeys, type TraceFilter } from '@zips/collector/view';
import { ZipsError } from '../../errors.js';
import { parseFilterQuery } from '../assembled/parse-filter-query.js';

/** Everything the user changes with keys; the data itself lives in the feed. */
export interface DashboardState {
  view: 'list' | 'trace';
  /** Index into the visible (filtered, sorted) list. */
  listIndex: number;
  traceId: string | undefined;
  /** Index into the open trace's waterfall rows. */
  spanIndex: number;
  spanDetail: boolean;
  filter: TraceFilter;
  /** Text being typed after `/`; undefined when not editing. */
  filterDraft: string | undefined;
  filterError: string | undefined;
  paused: boolean;
  sort: SortKey;
  help: boolean;
  /** Header shows per-route stats (`r`). */
  routes: boolean;
}

/** Key names the reducer understands, mapped from Ink's `useInput` by the hook. */
export interface KeyPress {
  input: string;
  up?: boolean;
  down?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  enter?: boolean;
  escape?: boolean;
  backspace?: boolean;
  ctrl?: boolean;
}

/** What the reducer needs to know about the data behind the current view. */
export interface KeyContext {
  rowCount: number;
  spanCount: number;
  /** Trace id of the visible row at an index. */
  traceIdAt: (index: number) => string | undefined;
  pageSize: number;
}

export function initialDashboardState(filter: TraceFilter = {}): DashboardState {
  return {
    view: 'list',
    listIndex: 0,
    traceId: undefined,
    spanIndex: 0,
    spanDetail: false,
    filter,
    filterDraft: undefined,
    filterError: undefined,
    paused: false,
    sort: 'newest',
    help: false,
    routes: false,
  };
}

const clamp = (value: number, count: number) => Math.max(0, Math.min(count - 1, value));

/** Applies one key press. `quit` asks the component to exit through Ink's `useApp().exit`. */
export function reduceKey(
  state: DashboardState,
  key: KeyPress,
  context: KeyContext,
): { state: DashboardState; quit: boolean } {
  if (state.filterDraft !== undefined) return { state: editFilter(state, key), quit: false };
  if (key.input === 'q' || (key.ctrl && key.input === 'c')) return { state, quit: true };
  if (state.help)
    return { state: { ...state, help: key.input === '?' ? false : !key.escape && state.help }, quit: false };
  const next = moveOrToggle(state, key, context);
  return { state: next, quit: false };
}

function moveOrToggle(state: DashboardState, key: KeyPress, context: KeyContext): DashboardState {
  const step = key.up || key.input === 'k' ? -1 : key.down || key.input === 'j' ? 1 : 0;
  const page = key.pageUp ? -context.pageSize : key.pageDown ? context.pageSize : 0;
  if (step !== 0 || page !== 0) {
    if (state.view === 'list')
      return { ...state, listIndex: clamp(state.listIndex + step + page, context.rowCount) };
    return { ...state, spanIndex: clamp(state.spanIndex + step + page, context.spanCount) };
  }
  if (key.enter) {
    if (state.view === 'trace') return { ...state, spanDetail: !state.spanDetail };
    const traceId = context.traceIdAt(state.listIndex);
    return traceId ? { ...state, view: 'trace', traceId, spanIndex: 0, spanDetail: false } : state;
  }
  if (key.escape) {
    if (state.view === 'trace' && state.spanDetail) return { ...state, spanDetail: false };
    if (state.view === 'trace') return { ...state, view: 'list', traceId: undefined };
    return state;
  }
  switch (key.input) {
    case '?':
      return { ...state, help: true };
    case 'p':
      return { ...state, paused: !state.paused };
    case 's':
      return {
        ...state,
        sort: sortKeys[(sortKeys.indexOf(state.sort) + 1) % sortKeys.length] ?? 'newest',
        listIndex: 0,
      };
    case 'r':
      return { ...state, routes: !state.routes };
    case '/':
      return state.view === 'list'
        ? { ...state, filterDraft: describeFilter(state.filter), filterError: undefined }
        : state;
    default:
      return state;
  }
}

function editFilter(state: DashboardState, key: KeyPress): DashboardState {
  const draft = state.filterDraft ?? '';
  if (key.escape) return { ...state, filterDraft: undefined, filterError: undefined };
  if (key.backspace) return { ...state, filterDraft: draft.slice(0, -1) };
  if (key.enter) {
    try {
      return {
        ...state,
        filter: { ...parseFilterQuery(draft), sinceMs: state.filter.sinceMs },
        filterDraft: undefined,
        filterError: undefined,
        listIndex: 0,
      };
    } catch (error) {
      if (!(error instanceof ZipsError)) throw error;
      return { ...state, filterError: [error.message, error.hint].filter(Boolean).join(' ') };
    }
  }
  if (key.ctrl || key.up || key.down || key.input === '') return state;
  return { ...state, filterDraft: draft + key.input };
}
