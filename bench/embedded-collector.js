// The CLI's embedded collector in a process of its own, as the native runtime runs it, on free ports.
// Prints {"otlpHttp","traceQuery"} on stdout once both servers listen; stops on SIGTERM.
import { startEmbeddedCollector } from '../packages/collector/dist/src/index.js';

const collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
process.stdout.write(
  `${JSON.stringify({ otlpHttp: collector.otlpHttpUrl, traceQuery: collector.queryUrl })}\n`,
);
process.once('SIGTERM', () => {
  collector.close().catch((error) => {
    process.stderr.write(`embedded collector: close failed: ${error}\n`);
    process.exitCode = 1;
  });
});
