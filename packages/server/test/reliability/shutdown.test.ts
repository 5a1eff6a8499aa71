/** SIGTERM during load: in-flight requests complete, every span of every answered request arrives, exit 0 within 5 s. */
import { test } from 'node:test';
import { shutdownScenario } from '../support/shutdown-scenario.js';

test('shutdown: SIGTERM during load loses no request and no span, and exits 0 within 5 s', {
  timeout: 120_000,
}, async (t) => {
  await shutdownScenario(t, { clients: 32, loadS: 3 });
});
