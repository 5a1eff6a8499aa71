import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PortInUseError } from './port-in-use-error.js';

/** Listens and resolves with the bound port; a taken port becomes a {@link PortInUseError} naming it. */
export function listen(server: Server, host: string, port: number, purpose: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') reject(new PortInUseError(host, port, purpose, error));
      else {
        const hint = error.code === 'EACCES' ? '; ports below 1024 need privileges, choose a higher one' : '';
        reject(
          new Error(`cannot listen on ${host}:${port} for the ${purpose}: ${error.message}${hint}`, {
            cause: error,
          }),
        );
      }
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Closes a server: idle keep-alive connections at once, so close() does not wait for clients to hang up, and
 * connections still busy after `graceMs`.
 */
export function closeServer(server: Server, graceMs = 1_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close((error) => {
      clearTimeout(timer);
      if (error === undefined) resolve();
      else reject(error);
    });
    server.closeIdleConnections();
  });
}

export function urlFor(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
