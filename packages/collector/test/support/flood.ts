/** Floods a collector process's ring buffer and reports its memory and counters. */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { recordResult } from '@zips/test-support/results';
import { rssMiB } from '@zips/test-support/rss';
import { startCollectorProcess } from './collector-process.js';
import { otlpJsonBatch } from './otlp-json.js';
import { post } from './receiver-abuse.js';

export interface FloodFigures {
  tracesSent: number;
  rssBeforeMiB: number | undefined;
  rssHalfMiB: number | undefined;
  rssEndMiB: number | undefined;
  stats: {
    traces: number;
    spans: number;
    droppedTraces: number;
    droppedSpans: number;
    receivedSpans: number;
  };
}

/** Sends `batches` batches of `perBatch` one-span traces; RSS is read before, halfway and at the end. */
export async function flood(
  collector: { pid: number; otlpHttpUrl: string; queryUrl: string },
  batches: number,
  perBatch: number,
): Promise<FloodFigures> {
  const rssBeforeMiB = rssMiB(collector.pid);
  let rssHalfMiB: number | undefined;
  for (let i = 0; i < batches; i++) {
    const response = await post(`${collector.otlpHttpUrl}/v1/traces`, otlpJsonBatch(perBatch), {
      'content-type': 'application/json',
    });
    if (response.status !== 200)
      throw new Error(`flood batch ${i} answered ${response.status}: ${response.text}`);
    if (i === Math.floor(batches / 2)) rssHalfMiB = rssMiB(collector.pid);
  }
  const stats = (await (await fetch(`${collector.queryUrl}/api/zips/stats`)).json()) as FloodFigures['stats'];
  return {
    tracesSent: batches * perBatch,
    rssBeforeMiB,
    rssHalfMiB,
    rssEndMiB: rssMiB(collector.pid),
    stats,
  };
}

/** The flood scenario: `batches` of 1,000 one-span traces into a ring of `maxTraces`. */
export async function floodScenario(
  t: TestContext,
  { maxTraces, batches }: { maxTraces: number; batches: number },
): Promise<void> {
  await using collector = await startCollectorProcess(['--max-traces', String(maxTraces)]);
  const figures = await flood(collector, batches, 1_000);
  recordResult(t.diagnostic.bind(t), `receiver-flood-ring-${maxTraces}`, { maxTraces, batches, ...figures });
  assert.equal(figures.stats.receivedSpans, figures.tracesSent);
  assert.equal(figures.stats.traces, maxTraces);
  assert.equal(figures.stats.droppedTraces, figures.tracesSent - maxTraces);
  assert.equal(figures.stats.droppedSpans, figures.tracesSent - maxTraces);
  // The ring is full long before halfway: the second half of the flood must not grow memory much further.
  const growth = (figures.rssEndMiB ?? 0) - (figures.rssHalfMiB ?? 0);
  assert.ok(growth < 64, `RSS grew ${growth} MiB during the second half of the flood`);
}
