import { test } from 'node:test';
import { envInt } from '@zips/test-support/scale';
import { forwardOutageScenario } from '../support/forward-outage.js';

test('forward target away for 60 s under load: 0 spans lost within the backlog bound', {
  timeout: 600_000,
}, async (t) => {
  await forwardOutageScenario(t, { outageS: envInt('ZIPS_REL_OUTAGE_S', 60), batchesPerS: 20 });
});
