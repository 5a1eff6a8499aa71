/** CI subset of the fuzz run: the same generator and checks, 1,000 requests (times `ZIPS_REL_SCALE`). */
import { test } from 'node:test';
import { scaled } from '@zips/test-support/scale';
import { fuzzScenario } from '../support/fuzz-scenario.js';

test('fuzz (CI subset): hostile paths, queries and headers get no 5xx and only well-formed answers', {
  timeout: 180_000,
}, async (t) => {
  await fuzzScenario(t, scaled(1_000));
});
