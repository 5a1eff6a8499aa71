import { type RunningEmbeddedCollector, startEmbeddedCollector } from '../../src/index.js';
import type { EmbeddedCollectorOptions } from '../../src/types.js';

/** An embedded collector on ephemeral loopback ports, collecting its log lines. */
export async function startTestCollector(
  options: EmbeddedCollectorOptions = {},
): Promise<RunningEmbeddedCollector & { logs: string[] } & AsyncDisposable> {
  const logs: string[] = [];
  const collector = await startEmbeddedCollector({
    otlpHttpPort: 0,
    queryPort: 0,
    log: (line) => logs.push(line),
    ...options,
  });
  return Object.assign(collector, { logs, [Symbol.asyncDispose]: () => collector.close() });
}

export interface PostResult {
  status: number;
  contentType: string | null;
  body: Buffer;
}

/** POSTs a body to the collector's /v1/traces (bounded by a timeout, so a hang fails the test). */
export async function postTraces(
  collector: { otlpHttpUrl: string },
  body: Uint8Array | string,
  headers: Record<string, string>,
  path = '/v1/traces',
  method = 'POST',
): Promise<PostResult> {
  const response = await fetch(`${collector.otlpHttpUrl}${path}`, {
    method,
    body: method === 'GET' ? undefined : body,
    headers,
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

export async function getJson(
  collector: { queryUrl: string },
  path: string,
): Promise<{ status: number; body: unknown; contentType: string | null }> {
  const response = await fetch(`${collector.queryUrl}${path}`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: await response.json(),
  };
}
