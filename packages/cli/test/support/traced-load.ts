/**
 * Load whose every request carries its own W3C `traceparent`, so each request's trace can be looked up by id
 * afterwards (the server's span takes the caller's trace id). Paced at a fixed rate over a fixed number of keep-alive
 * connections: the trace store must hold every trace of the run, and a paced run sends the same load on every
 * machine where the server keeps up.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export interface TracedLoadOptions {
  url: string;
  connections: number;
  /** Requests per second over all connections. */
  ratePerSecond: number;
  durationS: number;
  /** Called once, when the first request is sent (the run's time zero). */
  onStart?: () => void;
}

export interface TracedRequest {
  traceId: string;
  /** When it was sent, in ms since the run's start. */
  startMs: number;
  status: number;
  latencyMs: number;
}

export interface TracedLoadResult {
  requests: TracedRequest[];
  /** Requests that got no HTTP answer (connection error or timeout). */
  errors: number;
  /** What the first few of those were, with when they were sent (ms since the start). */
  errorSamples: string[];
  startedAtMs: number;
  elapsedMs: number;
}

export async function runTracedLoad(options: TracedLoadOptions): Promise<TracedLoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.ratePerSecond * options.durationS);
  const intervalMs = 1000 / options.ratePerSecond;
  const requests: TracedRequest[] = [];
  let errors = 0;
  const errorSamples: string[] = [];
  let next = 0;
  const startedAtMs = Date.now();
  const t0 = performance.now();
  options.onStart?.();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= total) return;
      const due = index * intervalMs - (performance.now() - t0);
      if (due > 0) await sleep(due);
      const traceId = randomBytes(16).toString('hex');
      const startMs = performance.now() - t0;
      try {
        const status = await get(agent, options.url, `00-${traceId}-${randomBytes(8).toString('hex')}-01`);
        requests.push({ traceId, startMs, status, latencyMs: performance.now() - t0 - startMs });
      } catch (error) {
        errors++;
        if (errorSamples.length < 5) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          errorSamples.push(`${Math.round(startMs)} ms: ${code} ${(error as Error).message}`.trim());
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  agent.destroy();
  return { requests, errors, errorSamples, startedAtMs, elapsedMs: performance.now() - t0 };
}

function get(agent: Agent, url: string, traceparent: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { traceparent }, timeout: 30_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}
