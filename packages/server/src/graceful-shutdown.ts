import type { Server } from 'node:http';

/** Options of {@link closeGracefully}. */
export interface CloseOptions {
  /** How long in-flight requests may take before their connections are cut. @default 5000 */
  timeoutMs?: number;
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive connections, and cuts
 * whatever is left after `timeoutMs`. Resolves once the server is closed. Never exits the process: when
 * the server is gone the event loop drains and the telemetry bootstrap flushes on `beforeExit`.
 */
export function closeGracefully(server: Server, { timeoutMs = 5000 }: CloseOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    deadline.unref();
    server.close((error) => {
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
