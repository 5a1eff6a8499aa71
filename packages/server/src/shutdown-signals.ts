/**
 * SIGTERM/SIGINT handling that exists from the first moments of the process, not only once the server
 * listens. Without a handler, node dies of the signal (exit 143 under `docker run --init` or compose's
 * `init: true`), and as PID 1 (plain `docker run`) the kernel drops the signal, so a stop during startup
 * would wait for Docker's SIGKILL. The telemetry bootstrap and `main.ts` both call
 * {@link watchShutdownSignals} first thing; they share one instance (one module), so a signal that arrives
 * while the bootstrap is still loading is seen by `main.ts`.
 */

/** Called for every SIGTERM/SIGINT; `count` is how many have arrived so far, this one included. */
export type SignalListener = (signal: NodeJS.Signals, count: number) => void;

/** The process' shutdown signals, recorded from the moment {@link watchShutdownSignals} is first called. */
export interface ShutdownSignals {
  /** The first signal received, or undefined while none has arrived. */
  readonly first: NodeJS.Signals | undefined;
  /** Calls `listener` for each signal from now on; returns a function that stops calling it. */
  onSignal(listener: SignalListener): () => void;
}

let shared: ShutdownSignals | undefined;

/** Installs the SIGTERM/SIGINT handlers once per process and returns the shared recorder. */
export function watchShutdownSignals(): ShutdownSignals {
  if (shared !== undefined) return shared;
  const received: NodeJS.Signals[] = [];
  const listeners = new Set<SignalListener>();
  const handle = (signal: NodeJS.Signals): void => {
    received.push(signal);
    for (const listener of listeners) listener(signal, received.length);
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
  shared = {
    get first() {
      return received[0];
    },
    onSignal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return shared;
}
