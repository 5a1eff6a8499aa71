/** Full load run of issue 6: 60 s at 64 connections on GET /zips/:zip with telemetry on. */
import { test } from 'node:test';
import { envInt } from '@zips/test-support/scale';
import { loadScenario } from '../support/load-scenario.js';

test('load: 60 s at 64 connections, zero errors, every span received, RSS reported', {
  timeout: 300_000,
}, async (t) => {
  await loadScenario(t, { connections: 64, durationS: envInt('ZIPS_REL_LOAD_S', 60) });
});
