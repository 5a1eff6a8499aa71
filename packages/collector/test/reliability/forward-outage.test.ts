import { test } from 'node:test';
import { scaled } from '@zips/test-support/scale';
import { forwardOutageScenario } from '../support/forward-outage.js';

test('forward target away for a few seconds: its backlog is retried until it is back, 0 spans lost', {
  timeout: 120_000,
}, async (t) => {
  await forwardOutageScenario(t, { outageS: scaled(3), batchesPerS: 20 });
});
