/** CI subset of the load run: 5 s at 16 connections (duration times `ZIPS_REL_SCALE`). */
import { test } from 'node:test';
import { scaled } from '@zips/test-support/scale';
import { loadScenario } from '../support/load-scenario.js';

test('load (CI subset): zero errors, every span received, RSS reported', { timeout: 120_000 }, async (t) => {
  await loadScenario(t, { connections: 16, durationS: scaled(5) });
});
