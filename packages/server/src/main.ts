/**
 * Starts the zips server. Signal handling comes first, before the heavy imports (Express, nunjucks) and the
 * dataset load, so a SIGTERM during startup ends the process with exit 0 instead of being ignored or
 * killing it. Telemetry is not started here: `npm run serve` preloads `telemetry/register.js`.
 */
import { watchShutdownSignals } from './shutdown-signals.js';

const signals = watchShutdownSignals();
const { startServer } = await import('./start-server.js');

startServer(signals).catch((error: unknown) => {
  console.error(`zips: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
