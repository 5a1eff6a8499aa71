/** Requests that carry a known trace id, so the test can find exactly their spans in the collector. */
import { randomBytes } from 'node:crypto';
import { type Agent, request } from 'node:http';

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

/** `traceparent` for a sampled child of `traceId`. */
export function traceparent(traceId: string): string {
  return `00-${traceId}-${randomBytes(8).toString('hex')}-01`;
}

/** GET `url` with a traceparent of `traceId`; resolves with the status once the whole body is read. */
export function tracedGet(url: string, traceId: string, agent?: Agent, timeoutMs = 10_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { traceparent: traceparent(traceId) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}
