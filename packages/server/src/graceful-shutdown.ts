import type { Server as HttpServer, ServerResponse } from 'node:http';
import { Server } from 'node:net';

/** Options of {@link closeGracefully}. */
export interface CloseOptions {
  /** How long in-flight requests may take before their connections are cut. @default 5000 */
  timeoutMs?: number;
}

const unfinished = new WeakMap<HttpServer, Set<ServerResponse>>();

/**
 * Keeps the set of responses not yet finished, so that a shutdown can reach the ones already in flight. Call it
 * right after creating the server, before it listens.
 */
export function trackResponses(server: HttpServer): void {
  const open = new Set<ServerResponse>();
  unfinished.set(server, open);
  server.prependListener('request', (_req, res: ServerResponse) => {
    open.add(res);
    res.once('close', () => open.delete(res));
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish, closes idle keep-alive connections after a short
 * grace, and cuts whatever is left after `timeoutMs`. Resolves once the server is closed. Never exits the process: when
 * the server is gone the event loop drains and the telemetry bootstrap flushes on `beforeExit`.
 *
 * While draining, every response says `Connection: close` and its connection is closed after it: a keep-alive
 * client would otherwise send its next request on a connection the server is about to close and get a reset,
 * where a client told to close opens a new connection and gets a refusal it can handle (or a new server).
 */
export function closeGracefully(server: HttpServer, { timeoutMs = 5000 }: CloseOptions = {}): Promise<void> {
  const closeAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.shouldKeepAlive = false;
    // Headers already out: the connection turns idle when the response ends, and is closed then.
    else res.once('finish', () => setImmediate(() => server.closeIdleConnections()));
  };
  for (const res of unfinished.get(server) ?? []) closeAfter(res);
  server.prependListener('request', (_req, res: ServerResponse) => closeAfter(res));
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => server.closeAllConnections(), timeoutMs);
    deadline.unref();
    const grace = setTimeout(() => server.closeIdleConnections(), Math.min(IDLE_GRACE_MS, timeoutMs));
    grace.unref();
    // net.Server's close, not http.Server's: both stop listening, but http's also closes every idle keep-alive
    // connection at once, racing the requests clients are sending on them at that moment (each one a reset).
    // Those requests are answered with `Connection: close` instead; what is still idle after the grace closes.
    Server.prototype.close.call(server, (error?: Error) => {
      clearTimeout(deadline);
      clearTimeout(grace);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** How long idle keep-alive connections may still bring a request (answered, then closed) once draining starts. */
export const IDLE_GRACE_MS = 500;
