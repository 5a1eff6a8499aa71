import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { Dashboard } from '@zips/cli/traces/components/Dashboard';
import type { FeedSnapshot } from '@zips/cli/traces/feed/feed-snapshot';
import { FeedSource } from '@zips/cli/traces/feed/feed-source';
import { TraceFeed } from '@zips/cli/traces/feed/trace-feed';
import { JaegerQueryClient } from '@zips/cli/traces/query/query-client';
import type { OtlpSpan } from '@zips/collector';
import { percentile } from '@zips/collector/view';
import { render } from 'ink';

/** Options of {@link benchDashboard}. */
export interface DashboardBenchOptions {
  /** How long spans keep arriving (the first second is warm-up). @default 10000 */
  durationMs?: number;
  /** Traces buffered before the clock starts. @default 10000 */
  bufferedTraces?: number;
  /** @default 1000 */
  spansPerSecond?: number;
  /** Terminal size the frames are drawn for. @default 120 × 40 */
  columns?: number;
  rows?: number;
}

export interface DashboardBenchResult {
  /** Snapshot + view-models + React render + Ink layout and output of one frame, median and 99th percentile. */
  frameRenderMsP50: number;
  frameRenderMsP99: number;
  /** Peak resident set size of the process, MiB. */
  rssMb: number;
  /** CPU time of the process over wall time while spans arrive (100 = one core). */
  cpuPercent: number;
  /** The first frame (mount, 10,000 summaries computed cold); frames of the first second are not in the percentiles. */
  firstFrameMs: number;
  frames: number;
  spansIngested: number;
}

const spansPerTrace = 4;
const routes = ['/zips/:zip', '/:zip', '/zips/:zip', '/zips/:zip', '/healthz'];
let nextId = 1;

/** One synthetic request trace: a SERVER span and three children, as the zips server emits them. */
function syntheticTrace(nowMs: number): OtlpSpan[] {
  const traceId = (nextId++).toString(16).padStart(32, '0');
  const route = routes[nextId % routes.length] ?? '/zips/:zip';
  const durationMs = 1 + ((nextId * 7919) % 200);
  const status = nextId % 50 === 0 ? 500 : nextId % 10 === 0 ? 404 : 200;
  const start = BigInt(Math.round((nowMs - durationMs) * 1e6));
  const span = (index: number, name: string, from: number, to: number): OtlpSpan => ({
    traceId,
    spanId: (nextId * 16 + index).toString(16).padStart(16, '0'),
    parentSpanId: index === 0 ? undefined : (nextId * 16).toString(16).padStart(16, '0'),
    traceState: undefined,
    name,
    kind: index === 0 ? 2 : 1,
    startTimeUnixNano: start + BigInt(Math.round(from * durationMs * 1e6)),
    endTimeUnixNano: start + BigInt(Math.round(to * durationMs * 1e6)),
    attributes:
      index === 0
        ? {
            'http.request.method': 'GET',
            'http.route': route,
            'url.path': route,
            'http.response.status_code': status,
          }
        : {},
    events: [],
    links: [],
    status: { code: status >= 500 && index === 0 ? 2 : 0, message: undefined },
    resource: { serviceName: 'zips-server', attributes: { 'service.name': 'zips-server' } },
    scope: { name: 'bench', version: undefined },
  });
  return [
    span(0, `GET ${route}`, 0, 1),
    span(1, 'middleware', 0.05, 0.2),
    span(2, 'zips.lookup', 0.2, 0.8),
    span(3, 'render', 0.8, 0.95),
  ];
}

/** A terminal that swallows output: the cost measured is producing frames, not a terminal emulator drawing them. */
class NullTerminal extends Writable {
  isTTY = true;
  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }
  override _write(_chunk: unknown, _encoding: BufferEncoding, callback: () => void): void {
    callback();
  }
}

class IdleKeyboard extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  read() {
    return null;
  }
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/**
 * Draws the real dashboard with `bufferedTraces` traces in its buffer while `spansPerSecond` spans arrive in
 * batches every 100 ms, and measures each frame from taking the snapshot to Ink having written it.
 */
export async function benchDashboard(options: DashboardBenchOptions = {}): Promise<DashboardBenchResult> {
  const durationMs = options.durationMs ?? 10_000;
  const feed = new TraceFeed(new JaegerQueryClient('http://127.0.0.1:16686'), {
    maxTraces: options.bufferedTraces ?? 10_000,
  });
  const start = Date.now();
  for (let i = 0; i < (options.bufferedTraces ?? 10_000); i++)
    feed.ingest(syntheticTrace(start - 50_000 + i * 5), start);
  feed.assembler.settle(start, true);
  feed.health.polls = 1;
  feed.health.services = ['zips-server'];
  const source = new FeedSource(feed, 'bench (synthetic spans)');
  let frameStart: number | undefined;
  let firstFrameMs: number | undefined;
  const frameTimes: number[] = [];
  const warmupMs = 1000;
  let wallBefore = performance.now();
  const timedSource = {
    snapshot: (): FeedSnapshot => {
      frameStart = performance.now();
      return source.snapshot();
    },
    subscribe: (listener: () => void) => source.subscribe(listener),
  };
  const app = render(<Dashboard source={timedSource} frameMs={100} />, {
    stdout: new NullTerminal(options.columns ?? 120, options.rows ?? 40) as unknown as NodeJS.WriteStream,
    stdin: new IdleKeyboard() as unknown as NodeJS.ReadStream,
    interactive: true,
    exitOnCtrlC: false,
    patchConsole: false,
    onRender: () => {
      if (frameStart === undefined) return;
      const ms = performance.now() - frameStart;
      if (firstFrameMs === undefined) firstFrameMs = ms;
      // The first second warms up the JIT and the summary cache: report it apart from the steady state.
      else if (performance.now() - wallBefore > warmupMs) frameTimes.push(ms);
      frameStart = undefined;
    },
  });
  let rss = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  wallBefore = performance.now();
  const spansPerSecond = options.spansPerSecond ?? 1000;
  let spansIngested = 0;
  while (performance.now() - wallBefore < durationMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = Date.now();
    // Catch up to the target rate even when a slow frame delayed this timer.
    const due = Math.floor(((performance.now() - wallBefore) / 1000) * spansPerSecond) - spansIngested;
    for (let i = 0; i < Math.floor(due / spansPerTrace); i++) {
      const spans = syntheticTrace(now);
      feed.ingest(spans, now);
      spansIngested += spans.length;
    }
    feed.assembler.settle(now);
    source.notify();
    rss = Math.max(rss, process.memoryUsage().rss);
  }
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  app.unmount();
  await app.waitUntilExit();
  frameTimes.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    frameRenderMsP50: round(percentile(frameTimes, 50) ?? Number.NaN),
    frameRenderMsP99: round(percentile(frameTimes, 99) ?? Number.NaN),
    rssMb: round(rss / 1024 / 1024),
    cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    firstFrameMs: round(firstFrameMs ?? Number.NaN),
    frames: frameTimes.length,
    spansIngested,
  };
}
