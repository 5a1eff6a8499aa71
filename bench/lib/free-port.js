import { createServer } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1, for processes that need PORT before they start. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
