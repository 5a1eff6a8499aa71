/**
 * A restart of the embedded collector as the native runtime sees it (down for 2 s, back on the same port) under
 * load, with the span queue every zips launcher sets (OTEL_BSP_MAX_QUEUE_SIZE=65536): the spans created while it is
 * away wait in the queue and are delivered after it.
 */
import { test } from 'node:test';
import { backendDownScenario } from '../support/backend-down-scenario.js';

test("the collector restarting (2 s away) under load, with the launchers' span queue", {
  timeout: 300_000,
}, async (t) => {
  await backendDownScenario(t, {
    connections: 64,
    beforeS: 5,
    outageS: 2,
    afterS: 5,
    serverEnv: { OTEL_BSP_MAX_QUEUE_SIZE: '65536' },
  });
});
