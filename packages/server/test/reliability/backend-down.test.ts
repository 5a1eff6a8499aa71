/** CI subset of the backend-down run: 16 connections, the collector stopped for 3 s in 9 s of load. */
import { test } from 'node:test';
import { backendDownScenario } from '../support/backend-down-scenario.js';

test('trace backend down under load (CI subset): no request errors, spans after recovery, complaints logged once', {
  timeout: 120_000,
}, async (t) => {
  await backendDownScenario(t, { connections: 16, beforeS: 3, outageS: 3, afterS: 3 });
});
