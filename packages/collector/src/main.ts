/**
 * Process entry of the embedded collector, which `zips up` runs in the background. Prints exactly one JSON line
 * `{"event":"ready",...}` on stdout once listening; logs go to stderr. SIGTERM/SIGINT close it and it exits 0;
 * bad arguments or a busy port exit 1 with a message naming the problem.
 */
import { startEmbeddedCollector } from './embedded-collector.js';
import { parseCollectorArgs } from './main-args.js';

const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

async function main(): Promise<void> {
  const options = parseCollectorArgs(process.argv.slice(2));
  const collector = await startEmbeddedCollector({ ...options, log });
  const ready = {
    event: 'ready',
    otlpHttpUrl: collector.otlpHttpUrl,
    ...(collector.otlpGrpcUrl === undefined ? {} : { otlpGrpcUrl: collector.otlpGrpcUrl }),
    queryUrl: collector.queryUrl,
    pid: process.pid,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log(`embedded collector: ${signal} received, closing`);
    collector.close().then(
      () => log('embedded collector: closed'),
      (error: unknown) => {
        log(`embedded collector: error while closing: ${(error as Error).message}`);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Expected failures (busy port, bad arguments, missing forward token) carry a message meant for the user.
  log(`embedded collector: ${(error as Error).message}`);
  process.exitCode = 1;
});
