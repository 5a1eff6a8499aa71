import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  computeStats,
  describeFilter,
  formatDuration,
  matchesFilter,
  percentile,
  summarizeTrace,
  TraceAssembler,
  type TraceSummary,
} from '@zips/collector/view';
import { UsageError } from '../src/errors.js';
import { parseFilterQuery } from '../src/traces/assembled/parse-filter-query.js';
import { parseHumanDuration } from '../src/traces/text/parse-human-duration.js';
import { bar, sparkline } from '../src/traces/text/sparkline.js';
import { normalizeTraceId, planTraces } from '../src/traces/traces-options.js';
import {
  type DashboardState,
  initialDashboardState,
  type KeyContext,
  reduceKey,
} from '../src/traces/view-models/dashboard-state.js';
import { httpTrace, makeSpan, t0Ms } from './support/span-factory.js';

describe('parseHumanDuration', () => {
  for (const [text, ms] of [
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1.5s', 1500],
    ['1d', 86_400_000],
  ] as const) {
    it(`reads ${text}`, () => assert.equal(parseHumanDuration(text, '--since'), ms));
  }
  for (const text of ['5x', '50', '', 'm5', '-5m', '5 m s']) {
    it(`rejects "${text}" with a usage error naming the flag`, () => {
      assert.throws(
        () => parseHumanDuration(text, '--since'),
        (error: unknown) => {
          assert.ok(error instanceof UsageError);
          assert.match(error.message, /--since/);
          assert.match(error.hint ?? '', /5m/);
          return true;
        },
      );
    });
  }
  it('formats durations compactly', () => {
    assert.deepEqual([0.25, 12.34, 250, 1240, 125_000].map(formatDuration), [
      '250µs',
      '12.3ms',
      '250ms',
      '1.24s',
      '2m05s',
    ]);
  });
});

describe('planTraces', () => {
  it('turns flags into a filter and a lookback', () => {
    const plan = planTraces(
      { since: '5m', minDuration: '50ms', errors: true, route: '/zips', service: 'zips-server' },
      1_000_000,
    );
    assert.deepEqual(plan.filter, {
      service: 'zips-server',
      route: '/zips',
      errorsOnly: true,
      minDurationMs: 50,
      sinceMs: 700_000,
    });
    assert.equal(plan.lookbackMs, 300_000);
  });
  it('rejects contradictory and malformed flags', () => {
    assert.throws(() => planTraces({ once: true, tail: true }, 0), UsageError);
    assert.throws(() => planTraces({ since: '5x' }, 0), /--since "5x" is not a duration/);
    assert.throws(() => planTraces({ minDuration: 'fast' }, 0), /--min-duration/);
    assert.throws(() => planTraces({ limit: 0 }, 0), /--limit/);
  });
  it('normalises pasted trace ids', () => {
    assert.equal(normalizeTraceId('5B8EFFF798038103D269B633813FC60C'), '5b8efff798038103d269b633813fc60c');
    assert.equal(normalizeTraceId('ff'), '000000000000000000000000000000ff');
    assert.throws(() => normalizeTraceId('xyz'), UsageError);
    assert.throws(() => normalizeTraceId('0'), UsageError);
  });
});

function summaries(): TraceSummary[] {
  const assembler = new TraceAssembler();
  assembler.add(httpTrace(1, 0, 10, '/zips/:zip', 200), 0);
  assembler.add(httpTrace(2, 1000, 80, '/zips/:zip', 404), 0);
  assembler.add(httpTrace(3, 2000, 300, '/:zip', 500), 0);
  assembler.add(httpTrace(4, 3000, 1, '/healthz', 200), 0);
  assembler.settle(10_000);
  return [...assembler.traces()].map(summarizeTrace);
}

describe('filters', () => {
  const cases: [string, string, number[]][] = [
    ['nothing hides health checks', '', [1, 2, 3]],
    ['health shows them', 'health', [1, 2, 3, 4]],
    ['errors', 'errors', [3]],
    ['a status class', 'status:4xx', [2]],
    ['an exact status', '500', [3]],
    ['a min duration', '>50ms', [2, 3]],
    ['a route substring', '/zips', [1, 2]],
    ['a route with a colon', 'route:/zips/:zip', [1, 2]],
    ['combined', '/zips >50ms', [2]],
  ];
  for (const [label, query, traces] of cases) {
    it(`${label}: "${query}"`, () => {
      const filter = parseFilterQuery(query);
      const shown = summaries().filter((summary) => matchesFilter(summary, filter));
      assert.deepEqual(
        shown.map((summary) => Number.parseInt(summary.traceId, 16)),
        traces,
      );
    });
  }
  it('rejects unknown keys and bad statuses', () => {
    assert.throws(() => parseFilterQuery('color:red'), /Unknown filter "color:red"/);
    assert.throws(() => parseFilterQuery('status:abc'), /not an HTTP status/);
  });
  it('describes itself the way it is typed', () => {
    assert.equal(
      describeFilter(parseFilterQuery('errors >50ms status:5xx /zips')),
      'route:/zips status:5xx >50.0ms errors',
    );
  });
});

describe('stats', () => {
  it('nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.deepEqual(
      [50, 95, 99].map((p) => percentile(sorted, p)),
      [50, 95, 99],
    );
    assert.equal(percentile([], 50), undefined);
  });
  it('rate, error rate and percentiles over the window', () => {
    const stats = computeStats(summaries(), t0Ms + 10_000, { windowMs: 10_000, bucketCount: 5 });
    assert.equal(stats.count, 4);
    assert.equal(stats.ratePerSec, 0.4);
    assert.equal(stats.errorRate, 0.25);
    assert.deepEqual([stats.p50Ms, stats.p95Ms, stats.p99Ms], [10, 300, 300]);
    assert.deepEqual(stats.buckets, [10, 1, undefined, undefined, undefined], 'median per 2 s bucket');
    assert.equal(computeStats(summaries(), t0Ms + 100_000, { windowMs: 10_000 }).count, 0);
  });
  it('sparkline and bars', () => {
    assert.equal(sparkline([1, 2, undefined, 8]), '▁▂ █');
    assert.equal(sparkline([0, 0]), '▁▁');
    assert.equal(bar(0.5, 4), '██  ');
    assert.equal(bar(1 / 16, 4), '▎   ');
  });
});

describe('trace summary', () => {
  it('uses method + http.route for the root, the status and all services', () => {
    const spans = [
      ...httpTrace(7, 0, 20, '/zips/:zip', 200),
      makeSpan({ trace: 7, span: 99, parent: 72, startMs: 5, durationMs: 2, service: 'db' }),
    ];
    const assembler = new TraceAssembler();
    assembler.add(spans, 0);
    const [trace] = assembler.traces();
    assert.ok(trace);
    const summary = summarizeTrace(trace);
    assert.equal(summary.root, 'GET /zips/:zip');
    assert.equal(summary.status, 200);
    assert.deepEqual(summary.services, ['db', 'zips-server']);
    assert.equal(summary.complete, false);
  });
  it('drops the oldest traces beyond the buffer size and counts them', () => {
    const assembler = new TraceAssembler({ maxTraces: 2 });
    for (let i = 1; i <= 5; i++) assembler.add(httpTrace(i, i, 1, '/x', 200), i);
    assert.equal(assembler.size, 2);
    assert.deepEqual(assembler.dropped, { traces: 3, spans: 6 });
    assert.deepEqual(
      [...assembler.traces()].map((trace) => trace.traceId.slice(-1)),
      ['4', '5'],
    );
  });
});

describe('dashboard keys', () => {
  const context: KeyContext = {
    rowCount: 3,
    spanCount: 2,
    traceIdAt: (i) => ['a', 'b', 'c'][i],
    pageSize: 10,
  };
  const press = (state: DashboardState, ...keys: Parameters<typeof reduceKey>[1][]) =>
    keys.reduce((current, key) => reduceKey(current, key, context).state, state);

  it('moves with arrows and j/k, clamped to the list', () => {
    const state = press(
      initialDashboardState(),
      { input: 'j' },
      { input: '', down: true },
      { input: 'j' },
      { input: 'j' },
    );
    assert.equal(state.listIndex, 2);
    assert.equal(press(state, { input: 'k' }, { input: '', up: true }, { input: 'k' }).listIndex, 0);
  });
  it('enter opens the selected trace, enter again its span detail, esc goes back step by step', () => {
    const open = press(initialDashboardState(), { input: 'j' }, { input: '\r', enter: true });
    assert.equal(open.view, 'trace');
    assert.equal(open.traceId, 'b');
    const detail = press(open, { input: 'j' }, { input: '\r', enter: true });
    assert.equal(detail.spanIndex, 1);
    assert.equal(detail.spanDetail, true);
    const back = press(detail, { input: '', escape: true });
    assert.equal(back.spanDetail, false);
    assert.equal(press(back, { input: '', escape: true }).view, 'list');
  });
  it('/ edits a filter that applies on enter; a bad one shows an error and stays open', () => {
    const typed = press(
      initialDashboardState(),
      { input: '/' },
      ...'errors >5x'.split('').map((input) => ({ input })),
    );
    assert.equal(typed.filterDraft, 'errors >5x');
    const failed = press(typed, { input: '\r', enter: true });
    assert.match(failed.filterError ?? '', /not a duration/);
    const fixed = press(failed, { input: '', backspace: true }, { input: 's' }, { input: '\r', enter: true });
    assert.deepEqual(fixed.filter, { errorsOnly: true, minDurationMs: 5000, sinceMs: undefined });
    assert.equal(fixed.filterDraft, undefined);
    assert.equal(press(typed, { input: '', escape: true }).filterDraft, undefined);
  });
  it('p pauses, s cycles the sort, r shows routes, ? toggles help, q quits', () => {
    const state = press(initialDashboardState(), { input: 'p' }, { input: 's' }, { input: 'r' });
    assert.deepEqual([state.paused, state.sort, state.routes], [true, 'slowest', true]);
    assert.equal(press(state, { input: 's' }, { input: 's' }).sort, 'newest');
    const help = press(state, { input: '?' });
    assert.equal(help.help, true);
    assert.equal(press(help, { input: 'j' }).listIndex, 0, 'keys do not move the list behind the help');
    assert.equal(press(help, { input: '?' }).help, false);
    assert.equal(reduceKey(state, { input: 'q' }, context).quit, true);
    assert.equal(
      reduceKey(press(state, { input: '/' }), { input: 'q' }, context).quit,
      false,
      'q is text in the filter',
    );
  });
});
