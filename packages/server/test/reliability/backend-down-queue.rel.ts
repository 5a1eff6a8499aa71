/**
 * The backend-down run again with a span queue large enough for the whole outage (OTEL_BSP_MAX_QUEUE_SIZE=131072):
 * shows whether spans are kept and delivered after recovery when the queue, not the exporter, is the limit.
 */
import { test } from 'node:test';
import { backendDownScenario } from '../support/backend-down-scenario.js';

test('trace backend down for 10 s with a queue for the whole outage', { timeout: 300_000 }, async (t) => {
  await backendDownScenario(t, {
    connections: 64,
    beforeS: 10,
    outageS: 10,
    afterS: 10,
    serverEnv: { OTEL_BSP_MAX_QUEUE_SIZE: '131072' },
  });
});
