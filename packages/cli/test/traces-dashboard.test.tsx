import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { Dashboard } from '../src/traces/components/Dashboard.js';
import { FeedSource } from '../src/traces/feed/feed-source.js';
import { TraceFeed } from '../src/traces/feed/trace-feed.js';
import { JaegerQueryClient } from '../src/traces/query/query-client.js';
import { renderTerminal, tick } from './support/ink-harness.js';
import { httpTrace, t0Ms } from './support/span-factory.js';

// Row times are local time; pin the zone so frames are the same everywhere.
process.env.TZ = 'UTC';

const keys = { enter: '\r', escape: '\u001B', down: '\u001B[B', up: '\u001B[A', backspace: '\u007F' };

/** Four requests (one health check) already settled, read from a store that never gets polled here. */
function world(source = 'native store http://127.0.0.1:16686') {
  const feed = new TraceFeed(new JaegerQueryClient('http://127.0.0.1:9'));
  feed.ingest(httpTrace(1, 0, 12, '/zips/:zip', 200), 0);
  feed.ingest(httpTrace(2, 1500, 85, '/zips/:zip', 404), 0);
  feed.ingest(httpTrace(3, 3000, 310, '/:zip', 500), 0);
  feed.ingest(httpTrace(4, 3500, 1, '/healthz', 200), 0);
  feed.assembler.settle(2000);
  feed.health.polls = 1;
  feed.health.services = ['zips-server'];
  return { feed, source: new FeedSource(feed, source, () => t0Ms + 10_000) };
}

const open: { unmount: () => void }[] = [];
after(() => {
  for (const term of open) term.unmount();
});

async function draw(source: FeedSource, columns = 100, rows = 14) {
  const term = renderTerminal(<Dashboard source={source} frameMs={0} />, columns, rows);
  open.push(term);
  await tick();
  return term;
}

/** Escape is told apart from an escape sequence by a pause. */
async function pressEscape(term: Awaited<ReturnType<typeof draw>>) {
  await term.press(keys.escape);
  await tick(100);
}

const header = [
  'zips traces · native store http://127.0.0.1:16686                                             LIVE',
  '0.05 req/s  err 33.3%  p50 85.0ms  p95 310ms  p99 310ms              ▁█  (last 60s)',
  'buffered 4 · dropped 0 · sort newest',
];
const listKeys = '↑↓/jk move · enter open · / filter · p pause · s sort · r routes · ? help · q quit';

describe('traces dashboard frames', () => {
  it('lists traces newest first, one row each, health checks hidden', async () => {
    const { source } = world();
    const term = await draw(source);
    assert.deepEqual(term.lines(), [
      ...header,
      '  TIME         ROOT                                   ST DURATION          SPANS SERVICES',
      '› 03:04:08.000 GET /:zip                             500    310ms ████████     2 zips-server      ✗',
      '  03:04:06.500 GET /zips/:zip                        404   85.0ms ██▎          2 zips-server',
      '  03:04:05.000 GET /zips/:zip                        200   12.0ms ▎            2 zips-server',
      `${listKeys}         1-3 of 3`,
    ]);
  });

  it('handles every key of one input chunk, in order (typed fast, pasted, or `tmux send-keys j j Enter`)', async () => {
    const { source } = world();
    const term = await draw(source);
    await term.press('jj\r');
    const titled = (id: number) =>
      term.lines().some((line) => line.startsWith(`trace ${String(id).padStart(32, '0')} · `));
    assert.ok(titled(1), `j, j, Enter: the third row's trace is open\n${term.lines().join('\n')}`);
    await pressEscape(term);
    await term.press('k\u001B[A\u001B[B\r');
    assert.ok(titled(2), `k, up, down, Enter: the second row's trace\n${term.lines().join('\n')}`);
  });

  it('moves the selection with j/k and arrows, opens the waterfall with Enter and the span detail', async () => {
    const { source } = world();
    const term = await draw(source);
    await term.press('j', keys.down, 'k');
    assert.match(term.lines()[5] ?? '', /^› 03:04:06.500 GET \/zips\/:zip/);
    await term.press(keys.enter);
    assert.deepEqual(term.lines(), [
      ...header,
      'trace 00000000000000000000000000000002 · 2 spans · 1 service · 85.0ms',
      '›  GET /zips/:zip                          zips-server      85.0ms |██████████████████████████████|',
      '     zips.lookup                           zips-server      42.5ms |       ███████████████        |',
      '↑↓/jk span · enter detail · esc back · q quit',
    ]);
    await term.press(keys.down, keys.enter);
    assert.deepEqual(term.lines(), [
      ...header,
      'trace 00000000000000000000000000000002 · 2 spans · 1 service · 85.0ms',
      '   GET /zips/:zip                          zips-server      85.0ms |██████████████████████████████|',
      '›    zips.lookup                           zips-server      42.5ms |       ███████████████        |',
      '───────────────────────────────────────────────────────────────────────────────────────────────────',
      'zips.lookup  (internal, 42.5ms, +21.3ms)',
      'span 0000000000000016  parent 0000000000000015',
      'status unset  scope test',
      'attributes',
      '↑↓/jk span · enter detail · esc back · q quit',
    ]);
    await pressEscape(term);
    await pressEscape(term);
    assert.match(term.lines()[5] ?? '', /^› 03:04:06.500/, 'back in the list on the same row');
  });

  it('filters with /, shows the draft while typing and the filter in the header', async () => {
    const { source } = world();
    const term = await draw(source);
    await term.press('/', ...'errors');
    assert.equal(
      term.lines().at(-1),
      '/errors▏  (enter apply · esc cancel · e.g. errors >50ms status:5xx /zips)',
    );
    await term.press(keys.enter);
    assert.deepEqual(term.lines(), [
      header[0],
      '0.02 req/s  err 100.0%  p50 310ms  p95 310ms  p99 310ms               █  (last 60s)',
      'buffered 4 · dropped 0 · sort newest · filter errors',
      '  TIME         ROOT                                   ST DURATION          SPANS SERVICES',
      '› 03:04:08.000 GET /:zip                             500    310ms ████████     2 zips-server      ✗',
      `${listKeys}         1-1 of 1`,
    ]);
    await term.press('/', ...Array(6).fill(keys.backspace), ...'>5x', keys.enter);
    assert.equal(
      term.lines().at(-1),
      'filter: min duration "5x" is not a duration. Use a number followed by a unit: 500ms, 30s, 5m, 2h o…',
    );
  });

  it('p pauses the list while spans keep arriving, and catches up on resume', async () => {
    const { source, feed } = world();
    const term = await draw(source);
    await term.press('p');
    const paused = term.lines();
    assert.equal(
      paused[0],
      'zips traces · native store http://127.0.0.1:16686                                           PAUSED',
    );
    feed.ingest(httpTrace(5, 5000, 900, '/:zip', 503), 0);
    source.notify();
    await tick(50);
    assert.deepEqual(term.lines(), paused);
    await term.press('p');
    assert.deepEqual(term.lines().slice(2, 6), [
      'buffered 5 · dropped 0 · sort newest',
      '  TIME         ROOT                                   ST DURATION          SPANS SERVICES',
      '› 03:04:10.000 GET /:zip                             503    900ms ████████     2 zips-server      ✗',
      '  03:04:08.000 GET /:zip                             500    310ms ██▊          2 zips-server      ✗',
    ]);
  });

  it('s sorts by duration, r shows per-route stats, ? shows help', async () => {
    const { source } = world();
    const term = await draw(source);
    await term.press('s', 's');
    assert.match(term.lines()[2] ?? '', /sort errors$/);
    await term.press('s', 's', 'r');
    assert.deepEqual(term.lines().slice(2, 9), [
      'buffered 4 · dropped 0 · sort slowest',
      '  GET /zips/:zip           0.03 req/s  err 0.0%  p50 12.0ms  p95 85.0ms  p99 85.0ms',
      '  GET /:zip                0.02 req/s  err 100.0%  p50 310ms  p95 310ms  p99 310ms',
      '  TIME         ROOT                                   ST DURATION          SPANS SERVICES',
      '› 03:04:08.000 GET /:zip                             500    310ms ████████     2 zips-server      ✗',
      '  03:04:06.500 GET /zips/:zip                        404   85.0ms ██▎          2 zips-server',
      '  03:04:05.000 GET /zips/:zip                        200   12.0ms ▎            2 zips-server',
    ]);
    await term.press('r', '?');
    assert.equal(term.lines().length, 13, 'help is cut to the terminal height');
    assert.deepEqual(term.lines().slice(3, 6), ['', 'Keys', '  ↑/↓ j/k     move (PgUp/PgDn by a page)']);
    await term.press('?');
    assert.equal(
      term.lines()[3],
      '  TIME         ROOT                                   ST DURATION          SPANS SERVICES',
    );
  });

  it('follows a terminal resize: narrow terminals drop the bar and services columns', async () => {
    const { source } = world();
    const term = await draw(source);
    await term.resize(70, 8);
    assert.deepEqual(term.lines(), [
      'zips traces · native store http://127.0.0.1:16686               LIVE',
      '0.05 req/s  err 33.3%  p50 85.0ms  p95 310ms  p99 310ms             …',
      'buffered 4 · dropped 0 · sort newest',
      '  TIME         ROOT                               ST DURATION SPANS',
      '› 03:04:08.000 GET /:zip                         500    310ms     2 ✗',
      '  03:04:06.500 GET /zips/:zip                    404   85.0ms     2',
      '  03:04:05.000 GET /zips/:zip                    200   12.0ms     2',
      '↑↓/jk move · enter open · / filter · p pause · s sort · r …  1-3 of 3',
    ]);
  });

  it('explains an empty list: unreachable endpoint, no requests yet, everything filtered', async () => {
    const feed = new TraceFeed(new JaegerQueryClient('http://127.0.0.1:9'));
    const source = new FeedSource(feed, 'jaeger http://127.0.0.1:16686 (default)', () => t0Ms);
    const term = await draw(source, 80, 14);
    assert.equal(term.lines()[4], '  Connecting to jaeger http://127.0.0.1:16686 (default)…');
    feed.health.polls = 1;
    feed.health.lastError = 'No trace query API answers at http://127.0.0.1:16686 (ECONNREFUSED).';
    source.notify();
    await tick(50);
    assert.deepEqual(term.lines().slice(3), [
      '',
      '  Cannot read traces from jaeger http://127.0.0.1:16686 (default).',
      '  · No trace query API answers at http://127.0.0.1:16686 (ECONNREFUSED).',
      '  · The stack may not be running, or --endpoint points elsewhere.',
      '  Try:',
      '    zips up',
      '    zips doctor',
      '    zips traces --endpoint http://127.0.0.1:16686',
      '↑↓/jk move · enter open · / filter · p pause · s sort · r routes · ? help · q …',
    ]);
    feed.health.lastError = undefined;
    source.notify();
    await tick(50);
    assert.deepEqual(term.lines().slice(3), [
      '',
      '  No service has sent traces yet.',
      '  · Nothing has called the app yet, or its spans are still being exported.',
      '  · Or the app exports elsewhere (check OTEL_EXPORTER_OTLP_ENDPOINT).',
      '  Try:',
      '    zips lookup 11215',
      '    zips doctor',
      '↑↓/jk move · enter open · / filter · p pause · s sort · r routes · ? help · q …',
    ]);
    feed.ingest(httpTrace(4, 3500, 1, '/healthz', 200), 0);
    source.notify();
    await tick(50);
    assert.deepEqual(term.lines().slice(4, 6), [
      '  1 trace hidden by the filter.',
      '  · Health checks are hidden by default; the filter may be too narrow.',
    ]);
  });

  it('goes back to the list when the open trace is dropped from a full buffer', async () => {
    const { source, feed } = world();
    const term = await draw(source);
    await term.press(keys.enter);
    assert.match(term.lines()[3] ?? '', /^trace 0+3 /);
    feed.assembler.maxTraces = 1;
    feed.ingest(httpTrace(5, 5000, 900, '/:zip', 503), 0);
    source.notify();
    await tick(50);
    assert.deepEqual(term.lines().slice(3, 5), [
      '  TIME         ROOT                                   ST DURATION          SPANS SERVICES',
      '› 03:04:10.000 GET /:zip                             503    900ms ████████     2 zips-server      ✗',
    ]);
  });

  it('q leaves through Ink so the caller’s waitUntilExit() resolves', async () => {
    const { source } = world();
    const term = await draw(source);
    await term.press('q');
    const exited = await Promise.race([term.waitUntilExit().then(() => true), tick(2000).then(() => false)]);
    assert.equal(exited, true);
  });
});
