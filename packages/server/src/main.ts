/**
 * Starts the zips server: reads the environment, loads the dataset, listens, and shuts down gracefully on
 * SIGTERM/SIGINT. Telemetry is not started here: `npm run serve` preloads `telemetry/register.js`.
 */
import type { AddressInfo } from 'node:net';
import { loadDataset } from './dataset/load-dataset.js';
import { closeGracefully } from './graceful-shutdown.js';
import { createApp } from './http/create-app.js';
import { readServerConfig } from './server-config.js';

async function main(): Promise<void> {
  const config = readServerConfig(process.env);
  const dataset = await loadDataset(config.dataFile);
  let draining = false;
  const app = createApp({ dataset, templatesDir: config.templatesDir, isDraining: () => draining });
  const server = app.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const hint = error.code === 'EADDRINUSE' ? '; set PORT to a free port' : '';
    console.error(`zips: cannot listen on ${config.host}:${config.port}: ${error.message}${hint}`);
    process.exitCode = 1;
  });
  server.on('listening', () => {
    const { address, port } = server.address() as AddressInfo;
    const shown = address.includes(':') ? `[${address}]` : address;
    console.log(`zips: listening on http://${shown}:${port} (${dataset.index.size} ZIP codes)`);
  });

  const shutdown = (signal: NodeJS.Signals): void => {
    if (draining) {
      console.log(`zips: ${signal} again, closing all connections now`);
      server.closeAllConnections();
      return;
    }
    draining = true;
    console.log(`zips: ${signal} received, finishing in-flight requests`);
    closeGracefully(server, { timeoutMs: config.shutdownTimeoutMs }).then(
      () => console.log('zips: server closed'),
      (error: unknown) => console.error('zips: error while closing the server:', error),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(`zips: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
