/**
 * The telemetry bootstrap, preloaded with `node --import @zips/server/telemetry` (or the path of this file)
 * before the app. The app never imports it: business code uses only `@opentelemetry/api`.
 *
 * Under ESM, instrumentation needs a loader hook. The hook is told which modules to wrap, so
 * import-in-the-middle wraps only the modules an instrumentation asked for (`http`, and those of the stock
 * instrumentations named in `OTEL_NODE_ENABLED_INSTRUMENTATIONS`), not every module the app imports.
 *
 * Meant for zips' own `main.js`: it installs zips' SIGTERM/SIGINT recorder, which `main.js` acts on.
 */
import { register } from 'node:module';
import { watchShutdownSignals } from '../shutdown-signals.js';
import type { Telemetry } from './start-telemetry.js';
import type { StockInstrumentationName } from './stock-instrumentations.js';

// Loading the SDK takes a good part of the startup: a SIGTERM meanwhile is recorded here and acted on by
// main.ts (which shares this recorder), instead of killing the process. Hence the first statement, and the
// OpenTelemetry modules imported only after it.
watchShutdownSignals();
const { getBooleanFromEnv } = await import('@opentelemetry/core');

if (!getBooleanFromEnv('OTEL_SDK_DISABLED')) {
  const telemetry = await startWithLoaderHook(await stockInstrumentationNamesFromEnv());

  // Flush when the app has nothing left to do: main.ts closes the server on SIGTERM and the event loop then
  // drains, so every span of every finished request is exported before the process exits with its code.
  let flushed = false;
  process.on('beforeExit', () => {
    if (flushed) return;
    flushed = true;
    telemetry.shutdown().catch((error: unknown) => {
      console.error('zips telemetry: flushing spans at exit failed:', error);
    });
  });
}

/**
 * The stock instrumentations `OTEL_NODE_ENABLED_INSTRUMENTATIONS` names; none when it is unset. A name zips does
 * not ship is a warning, not a failed start.
 */
async function stockInstrumentationNamesFromEnv(): Promise<StockInstrumentationName[]> {
  const { selectStockInstrumentations } = await import('./instrumentation-selection.js');
  const { names, warnings } = selectStockInstrumentations(process.env);
  for (const warning of warnings) console.error(warning);
  return names;
}

/**
 * Registers import-in-the-middle's loader hook, then starts the SDK (imported after the hook is in place, so
 * the instrumentation's own hooks reach the loader). Where node allows it (24.11.1+, 22.22.3+), the hook runs
 * in-thread (`module.registerHooks`), limited to `http`, the module zips instruments, and the modules the stock
 * instrumentations named in `stockNames` patch: no loader
 * thread with its own V8 heap (about 10 MB less RSS). Older nodes get the off-thread hook (`module.register`)
 * with an add-hook channel, which likewise wraps only the modules an instrumentation asked for.
 */
async function startWithLoaderHook(stockNames: StockInstrumentationName[]): Promise<Telemetry> {
  const { loadStockInstrumentations, modulesPatchedBy } = await import('./stock-instrumentations.js');
  const inThread = await import('import-in-the-middle/register-hooks.mjs');
  if (inThread.supportsSyncHooks()) {
    // In-thread, hooks and loader meet in this thread in any order: the instrumentations, made first, say which
    // modules the loader must wrap.
    const stock = await loadStockInstrumentations(stockNames);
    inThread.register({ include: ['http', ...modulesPatchedBy(stock)] });
    return (await import('./start-telemetry.js')).startTelemetry(stock);
  }
  const { createAddHookMessageChannel } = await import('import-in-the-middle');
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
  // Made after the channel exists: their hooks tell the loader their modules over it.
  const stock = await loadStockInstrumentations(stockNames);
  const telemetry = (await import('./start-telemetry.js')).startTelemetry(stock);
  await waitForAllMessagesAcknowledged();
  return telemetry;
}
