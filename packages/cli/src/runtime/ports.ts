/** Port checks before anything starts, so a busy port is named up front instead of failing inside a child. */
import { createServer, type Server } from 'node:net';
import { PortBusyError } from '../errors.js';

export interface PortRequest {
  /** What the port is for, e.g. "app". */
  what: string;
  /** 0 means "any free port". */
  port: number;
  /** The option that changes it, e.g. "--port"; none for a port the Docker runtime publishes as it is. */
  flag?: string;
}

/**
 * Resolves each request to a concrete free port on 127.0.0.1: fixed ports are checked, 0 becomes a free port
 * (all held open together so two requests never get the same one). Throws PortBusyError naming the first busy one.
 */
export async function claimPorts(requests: readonly PortRequest[], host = '127.0.0.1'): Promise<number[]> {
  const held: Server[] = [];
  try {
    const ports: number[] = [];
    for (const request of requests) {
      const server = await listen(request.port, host);
      if (!server) throw new PortBusyError(request.what, request.port, request.flag);
      held.push(server);
      const address = server.address();
      ports.push(typeof address === 'object' && address ? address.port : request.port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Whether something already listens on `port` (used by doctor and status). */
export async function isPortBusy(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = await listen(port, host);
  if (!server) return true;
  await new Promise((resolve) => server.close(resolve));
  return false;
}

function listen(port: number, host: string): Promise<Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(undefined);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => resolve(server));
  });
}
