import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Dataset, loadDataset } from '../../src/dataset/load-dataset.js';
import { createApp } from '../../src/http/create-app.js';
import { defaultDataFile } from '../../src/paths.js';

let dataset: Promise<Dataset> | undefined;

/** The real `data/zips.json`, loaded once per test file (`npm run build` writes it). */
export function sharedDataset(): Promise<Dataset> {
  dataset ??= loadDataset(process.env.ZIPS_DATA_FILE || defaultDataFile);
  return dataset;
}

/** The real app on 127.0.0.1 and a free port. */
export interface RunningApp extends AsyncDisposable {
  baseUrl: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startApp(options: { isDraining?: () => boolean } = {}): Promise<RunningApp> {
  const app = createApp({ dataset: await sharedDataset(), ...options });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { baseUrl: `http://127.0.0.1:${port}`, port, server, close, [Symbol.asyncDispose]: close };
}
