/**
 * The embedded collector (the one `zips up` runs) in the test process as the OTLP receiver, with a restart on
 * the same port for the backend-down scenario. Span counts survive restarts, so sent-vs-received stays exact.
 */
import { type RunningEmbeddedCollector, startEmbeddedCollector } from '@zips/collector';

export interface TestCollector extends AsyncDisposable {
  otlpHttpUrl: string;
  /** Spans received over every incarnation of the collector. */
  receivedSpans(): number;
  /** Start times (Unix ms) of the spans stored over every incarnation; needs a ring large enough for the run. */
  spanStartTimesMs(): number[];
  /** The running incarnation, if any. */
  current(): RunningEmbeddedCollector | undefined;
  stop(): Promise<void>;
  /** Starts again on the same ports. */
  restart(): Promise<void>;
}

export async function startTestCollector(maxTraces = 10_000): Promise<TestCollector> {
  let running: RunningEmbeddedCollector | undefined = await startEmbeddedCollector({
    otlpHttpPort: 0,
    queryPort: 0,
    maxTraces,
  });
  const otlpPort = Number(new URL(running.otlpHttpUrl).port);
  const queryPort = Number(new URL(running.queryUrl).port);
  let earlier = 0;
  const earlierStarts: number[] = [];
  const stop = async () => {
    if (running === undefined) return;
    const stopping = running;
    running = undefined;
    await stopping.close();
    earlier += stopping.store.stats().receivedSpans;
    for (const start of startTimesMs(stopping)) earlierStarts.push(start);
  };
  return {
    otlpHttpUrl: running.otlpHttpUrl,
    receivedSpans: () => earlier + (running?.store.stats().receivedSpans ?? 0),
    spanStartTimesMs: () => [...earlierStarts, ...(running === undefined ? [] : startTimesMs(running))],
    current: () => running,
    stop,
    async restart() {
      running = await startEmbeddedCollector({ otlpHttpPort: otlpPort, queryPort, maxTraces });
    },
    async [Symbol.asyncDispose]() {
      await stop();
    },
  };
}

function startTimesMs(collector: RunningEmbeddedCollector): number[] {
  const traces = collector.store.findTraces({ limit: Number.MAX_SAFE_INTEGER });
  return traces.flat().map((span) => Number(span.startTimeUnixNano / 1_000_000n));
}

/** Polls `read` until it returns at least `expected` or `timeoutMs` passes; returns the last value. */
export async function waitForCount(read: () => number, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (value < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = read();
  }
  return value;
}
