/**
 * Quick version of the Docker sidecar scenario (the full one is sidecar-outage.rel.ts): real Collector, real
 * Jaeger, Jaeger stopped for 10 s under 64 connections with the collector container restarted halfway; every
 * request's trace is then looked up in Jaeger by id.
 */
import { test } from 'node:test';
import { realDockerStackSkip } from '../support/real-docker-stack.js';
import { sidecarOutageScenario } from '../support/sidecar-outage-scenario.js';

test('Docker runtime: Jaeger away 10 s and a collector restart lose no span outside the restart', {
  skip: await realDockerStackSkip(),
  timeout: 900_000,
}, async (t) => {
  await sidecarOutageScenario(t, {
    connections: 64,
    ratePerSecond: 200,
    beforeS: 5,
    outageS: 10,
    afterS: 5,
    restartCollector: true,
  });
});
