/** Full fuzz run of issue 6: at least 10,000 generated requests over every route (`ZIPS_REL_FUZZ` to change). */
import { test } from 'node:test';
import { envInt } from '@zips/test-support/scale';
import { fuzzScenario } from '../support/fuzz-scenario.js';

test('fuzz: 10,000 hostile paths, queries and headers get no 5xx and only well-formed answers', {
  timeout: 600_000,
}, async (t) => {
  await fuzzScenario(t, envInt('ZIPS_REL_FUZZ', 10_000));
});
