import { test } from 'node:test';
import { envInt } from '@zips/test-support/scale';
import { curlMissing, oversizeScenario } from '../support/oversize-curl.js';

test('64 MB bodies from curl, declared and chunked: 50 of 50 attempts each see 413', {
  skip: curlMissing,
  timeout: 600_000,
}, async (t) => {
  await oversizeScenario(t, envInt('ZIPS_REL_OVERSIZE_ATTEMPTS', 50));
});
