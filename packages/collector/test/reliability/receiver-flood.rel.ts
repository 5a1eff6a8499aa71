/** Full flood run: 300,000 one-span traces into the default ring of 10,000 traces. */
import { test } from 'node:test';
import { envInt } from '@zips/test-support/scale';
import { floodScenario } from '../support/flood.js';

test('receiver flood: 300,000 traces into a ring of 10,000, bounded memory, every drop counted', {
  timeout: 600_000,
}, async (t) => {
  await floodScenario(t, { maxTraces: 10_000, batches: envInt('ZIPS_REL_FLOOD_BATCHES', 300) });
});
