/**
 * Ctrl-C handling for long-running work: SIGINT/SIGTERM abort the signal handed to `work`, which cleans up and
 * ends; the handlers are removed afterwards so the next Ctrl-C behaves normally again.
 */
import { InterruptedError } from '../errors.js';

export interface InterruptOptions {
  /** For "run until Ctrl-C" work (attach, follow): an interrupt is the normal way to end, not an error. */
  interruptIsSuccess?: boolean;
}

export async function withInterrupt<T>(
  work: (signal: AbortSignal) => Promise<T>,
  options: InterruptOptions = {},
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (controller.signal.aborted && options.interruptIsSuccess) return undefined as T;
    if (controller.signal.aborted && !(error instanceof InterruptedError)) throw new InterruptedError();
    throw error;
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
}
