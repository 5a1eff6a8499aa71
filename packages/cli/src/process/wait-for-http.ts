/** Polling an HTTP health endpoint until it answers 2xx, with a deadline and cancellation. */
import { setTimeout as sleep } from 'node:timers/promises';
import { httpGet } from './http-get.js';

export interface WaitForHttpOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Fails fast when this promise settles first, e.g. the process behind the URL exited. */
  givesUp?: Promise<unknown>;
  /** @default 100 */
  intervalMs?: number;
}

/** True once `url` answers 2xx; false on timeout or when `givesUp` settles first. Throws if aborted. */
export async function waitForHttp(url: string, options: WaitForHttpOptions): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  let gaveUp = false;
  options.givesUp?.then(
    () => (gaveUp = true),
    () => (gaveUp = true),
  );
  while (Date.now() < deadline && !gaveUp) {
    options.signal?.throwIfAborted();
    if (await answersOk(url, options.signal)) return true;
    await sleep(options.intervalMs ?? 100, undefined, { signal: options.signal });
  }
  return false;
}

/** One health probe: true on a 2xx answer within a second (node:http: no undici start-up cost for a CLI). */
export async function answersOk(url: string, signal?: AbortSignal): Promise<boolean> {
  signal?.throwIfAborted();
  try {
    const { status } = await httpGet(new URL(url), {}, 1000);
    return status >= 200 && status < 300;
  } catch (error) {
    if (signal?.aborted) throw error;
    return false;
  }
}
