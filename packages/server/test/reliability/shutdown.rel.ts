/** Full shutdown run: SIGTERM after 10 s of 64 clients sending back to back. */
import { test } from 'node:test';
import { shutdownScenario } from '../support/shutdown-scenario.js';

test('shutdown at 64 clients: SIGTERM loses no request and no span, and exits 0 within 5 s', {
  timeout: 120_000,
}, async (t) => {
  await shutdownScenario(t, { clients: 64, loadS: 10 });
});
