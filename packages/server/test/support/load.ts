/**
 * Load with autocannon, with every response also bucketed into time windows, so a scenario can compare latency
 * before, during and after something it does to the stack (an outage, a signal).
 */
import autocannon from 'autocannon';
import { percentile, round } from './proc-stats.js';

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  /** Window boundaries in seconds since the start, e.g. [10, 20] gives windows 0-10, 10-20, 20-end. @default [] */
  windows?: number[];
  /** Called once when the run starts; scenarios schedule their faults from here. */
  onStart?: () => void;
}

export interface WindowFigures {
  from: number;
  responses: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LoadFigures {
  responses: number;
  rps: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  windows: WindowFigures[];
  /** Wall-clock time (Unix ms) the run started, and responses per second of the run. */
  startedAtMs: number;
  perSecond: number[];
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const bounds = [0, ...(options.windows ?? [])];
  const latencies: number[][] = bounds.map(() => []);
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
  });
  let started = 0;
  let startedAtMs = 0;
  const perSecond: number[] = [];
  instance.on('start', () => {
    started = performance.now();
    startedAtMs = Date.now();
    options.onStart?.();
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    const at = (performance.now() - started) / 1000;
    let w = bounds.length - 1;
    while (w > 0 && at < (bounds[w] as number)) w--;
    latencies[w]?.push(responseTime);
    const second = Math.floor(at);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  });
  const result = await instance;
  const all = latencies.flat();
  return {
    responses: all.length,
    rps: round(all.length / result.duration, 0),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    p50Ms: round(percentile(all, 50)),
    p99Ms: round(percentile(all, 99)),
    maxMs: round(maxOf(all)),
    startedAtMs,
    perSecond: Array.from(perSecond, (count) => count ?? 0),
    windows: latencies.map((values, i) => ({
      from: bounds[i] as number,
      responses: values.length,
      p50Ms: round(percentile(values, 50)),
      p99Ms: round(percentile(values, 99)),
      maxMs: round(maxOf(values)),
    })),
  };
}

// Not Math.max(...values): a minute of load is more responses than a call may have arguments.
function maxOf(values: readonly number[]): number {
  return values.reduce((max, value) => Math.max(max, value), 0);
}
