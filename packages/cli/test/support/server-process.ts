/** The zips server as every launcher starts it (`serverNodeArgs()`), on a free loopback port, exporting its spans. */
import { serverNodeArgs } from '@zips/server/server-command';
import { freePort } from '@zips/test-support/free-port';
import { type RealProcess, startProgram } from '@zips/test-support/real-stack';

export interface ServerProcess extends RealProcess {
  url: string;
}

/** Starts the server with its telemetry exporting to `otlpHttpUrl`; resolves once /readyz answers. */
export async function startServerExportingTo(otlpHttpUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startProgram({
    what: 'zips server',
    command: process.execPath,
    args: serverNodeArgs(),
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      OTEL_SERVICE_NAME: 'zips',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlpHttpUrl,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    },
    healthUrl: `${url}/readyz`,
  });
  return Object.assign(server, { url });
}
