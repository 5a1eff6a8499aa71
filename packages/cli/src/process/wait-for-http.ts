/** Polling an HTTP health endpoint until it answers 2xx, with a deadline and cancellation. */
import { setTimeout as sleep } from 'node:timers/promises';

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

/** One health probe: true on a 2xx answer within a second. */
export async function answersOk(url: string, signal?: AbortSignal): Promise<boolean> {
  const timeout = AbortSignal.timeout(1000);
  try {
    const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    await response.body?.cancel();
    return response.ok;
  } catch (error) {
    if (signal?.aborted) throw error;
    return false;
  }
}
