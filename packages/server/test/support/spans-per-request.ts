/** How many spans one `GET /zips/:zip` produces, measured on the running stack rather than assumed. */
import type { TestCollector } from './collector.js';
import { newTraceId, tracedGet } from './traced-request.js';

export async function spansPerRequest(
  baseUrl: string,
  collector: TestCollector,
  timeoutMs = 15_000,
): Promise<number> {
  const traceId = newTraceId();
  const status = await tracedGet(`${baseUrl}/zips/11215`, traceId);
  if (status !== 200) throw new Error(`warm-up GET /zips/11215 answered ${status}`);
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    const count = collector.current()?.store.getTrace(traceId)?.length ?? 0;
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    }
    // Spans of one request are exported together, but wait a moment in case they came in two batches.
    if (count > 0 && Date.now() - stableSince > 300) return count;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the warm-up request's spans did not reach the collector within ${timeoutMs} ms`);
}
