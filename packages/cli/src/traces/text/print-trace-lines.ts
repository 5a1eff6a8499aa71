import type { Writable } from 'node:stream';
import type { TraceSummary } from '@zips/collector/view';
import { matchesFilter, type TraceFilter } from '@zips/collector/view';
import { toTraceRecord } from '../assembled/trace-record.js';
import type { TraceFeed } from '../feed/trace-feed.js';
import { formatTraceLine } from './format-trace-line.js';

export interface PrintOptions {
  json: boolean;
  filter: TraceFilter;
  out: Writable;
}

function write(summary: TraceSummary, options: PrintOptions): void {
  options.out.write(`${options.json ? JSON.stringify(toTraceRecord(summary)) : formatTraceLine(summary)}\n`);
}

/** Prints the `limit` most recent matching traces, oldest first (like `tail -n`); returns how many. */
export async function printRecent(feed: TraceFeed, limit: number, options: PrintOptions): Promise<number> {
  await feed.poll(true);
  const recent = feed
    .summaries()
    .filter((summary) => matchesFilter(summary, options.filter))
    .slice(0, limit);
  for (const summary of recent.reverse()) write(summary, options);
  return recent.length;
}

/** Polls until the signal aborts, printing each trace once, when it has settled. */
export async function printSettled(
  feed: TraceFeed,
  intervalMs: number,
  signal: AbortSignal,
  options: PrintOptions & { onPollError: (error: unknown) => void },
): Promise<void> {
  while (!signal.aborted) {
    await sleep(intervalMs, signal);
    if (signal.aborted) return;
    try {
      const settled = await feed.poll();
      for (const trace of settled) {
        const summary = feed.summary(trace);
        if (matchesFilter(summary, options.filter)) write(summary, options);
      }
    } catch (error) {
      options.onPollError(error);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
