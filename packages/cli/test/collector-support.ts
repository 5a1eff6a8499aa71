import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningEmbeddedCollector, startEmbeddedCollector } from '../src/collector/index.js';
import type { EmbeddedCollectorOptions } from '../src/collector/types.js';

/** Repository root, from packages/cli/dist/test. */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The shared upstream fixtures directory (../shared/fixtures from the repository root), or undefined when absent. */
export function fixturesDir(): string | undefined {
  const dir = join(repoRoot, '..', 'shared', 'fixtures');
  return existsSync(dir) ? dir : undefined;
}

export const FIXTURES_MISSING =
  'shared fixtures not found at ../shared/fixtures (relative to the repository root)';

export function readFixture(...parts: string[]): Buffer {
  const dir = fixturesDir();
  if (dir === undefined) throw new Error(FIXTURES_MISSING);
  return readFileSync(join(dir, ...parts));
}

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

/** Polls `check` until it returns a value (not undefined), failing after `timeoutMs`. */
export async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
