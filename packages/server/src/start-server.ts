import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadDataset } from './dataset/load-dataset.js';
import { closeGracefully, trackResponses } from './graceful-shutdown.js';
import { createApp } from './http/create-app.js';
import { readServerConfig } from './server-config.js';
import type { ShutdownSignals } from './shutdown-signals.js';

/**
 * Reads the environment, loads the dataset, listens, and shuts down gracefully on SIGTERM/SIGINT.
 * A signal received before the server listens stops the startup instead: nothing is left running, so the
 * event loop drains, the telemetry bootstrap flushes on `beforeExit`, and the process exits 0.
 */
export async function startServer(signals: ShutdownSignals): Promise<void> {
  const stopWhileStarting = (signal: NodeJS.Signals): void => {
    console.log(`zips: ${signal} received while starting; exiting without serving`);
  };
  if (signals.first !== undefined) stopWhileStarting(signals.first);
  const unsubscribe = signals.onSignal((signal, count) => {
    if (count === 1) stopWhileStarting(signal);
  });

  const config = readServerConfig(process.env);
  const dataset = await loadDataset(config.dataFile);
  unsubscribe();
  if (signals.first !== undefined) return;

  let draining = false;
  const app = createApp({ dataset, templatesDir: config.templatesDir, isDraining: () => draining });
  const server = createServer(app);
  trackResponses(server);
  server.listen(config.port, config.host);
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

  signals.onSignal((signal) => {
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
  });
}
