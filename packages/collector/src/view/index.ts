/**
 * The trace views' shared models (`@zips/collector/view`): spans → assembled traces → summaries, filters, order,
 * stats and the waterfall. The CLI's Ink dashboard and text output and the collector's web trace view all build
 * on these, so durations, ordering, percentiles and health-check hiding have one definition.
 */
export { type EmptyStateViewModel, hiddenByFilter, noTracesYet } from './empty-state.js';
export { formatClock, formatDuration } from './format-duration.js';
export {
  firstAttribute,
  formatAttributeValue,
  httpMethod,
  httpPath,
  httpRoute,
  httpStatus,
  nanosToMs,
  stringAttribute,
} from './span-attributes.js';
export { type AttributeLine, attributeLines, describeSpan, type SpanDetail } from './span-detail.js';
export { type AssembledTrace, type AssemblerOptions, hasRoot, TraceAssembler } from './trace-assembler.js';
export { describeFilter, matchesFilter, type TraceFilter } from './trace-filter.js';
export { type SortKey, sortKeys, sortTraces } from './trace-order.js';
export {
  computeRouteStats,
  computeStats,
  type FormattedStats,
  formatStats,
  type LatencyStats,
  percentile,
  type StatsOptions,
} from './trace-stats.js';
export { findRoot, operationLabel, summarizeTrace, type TraceSummary } from './trace-summary.js';
export { buildWaterfall, timingBar, type Waterfall, type WaterfallRow } from './trace-waterfall.js';
