/**
 * Waiting for a Docker stack to be healthy: the app's /readyz from the host, with compose watched so an exited
 * container ends the wait early. On failure the error names the failing service and shows its last log lines.
 */
import type { ComposeClient } from '../../docker/compose-client.js';
import { ZipsError } from '../../errors.js';
import { waitForHttp } from '../../process/wait-for-http.js';
import type { RecordedStackState } from '../../state/stack-state.js';
import type { StackPlan, StartContext } from '../stack-plan.js';
import { completedOneShot, stoppedUnexpectedly } from './one-shot-services.js';

export async function waitHealthy(
  compose: ComposeClient,
  state: RecordedStackState,
  plan: StackPlan,
  context: StartContext,
): Promise<void> {
  const crashed = watchForExit(compose, context.signal);
  const healthy = await waitForHttp(`${state.urls.app}/readyz`, {
    timeoutMs: plan.timeoutMs,
    signal: context.signal,
    givesUp: crashed.promise,
  });
  crashed.stop();
  if (healthy) return;
  const services = await compose.ps();
  const failing =
    services.find((s) => (s.state !== 'running' && !completedOneShot(s)) || s.health === 'unhealthy') ??
    services.find((s) => s.service === 'zips');
  const name = failing?.service ?? 'zips';
  const logs = await compose.logs(name, { tail: 20 }).catch(() => '');
  const why = failing
    ? `is ${failing.state}${failing.health !== 'none' ? ` (${failing.health})` : ''}`
    : 'did not become healthy';
  throw new ZipsError(
    `The stack did not become healthy within ${plan.timeoutMs / 1000}s: service "${name}" ${why}.${logs.trim() ? `\nLast log lines of ${name}:\n${logs.trimEnd()}` : ''}`,
    {
      hint: 'Fix the cause shown in the log lines (or allow more time with --timeout), then run `zips up` again.',
    },
  );
}

/** Polls compose every 2s; the promise resolves when a container has exited, so waiting stops early. */
function watchForExit(
  compose: ComposeClient,
  signal: AbortSignal,
): { promise: Promise<void>; stop: () => void } {
  let stopped = false;
  const promise = (async () => {
    while (!stopped && !signal.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const services = await compose.ps().catch(() => []);
      if (services.some(stoppedUnexpectedly)) return;
    }
    await new Promise(() => undefined); // never settles once stopped: only an exit should end the wait early
  })();
  return { promise, stop: () => (stopped = true) };
}
