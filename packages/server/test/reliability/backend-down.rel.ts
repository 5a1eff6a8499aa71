/** Full backend-down run of issue 6: 64 connections, the collector stopped for 10 s in the middle of 30 s of load. */
import { test } from 'node:test';
import { backendDownScenario } from '../support/backend-down-scenario.js';

test('trace backend down for 10 s under load: no request errors, spans after recovery, complaints logged once', {
  timeout: 300_000,
}, async (t) => {
  await backendDownScenario(t, { connections: 64, beforeS: 10, outageS: 10, afterS: 10 });
});
