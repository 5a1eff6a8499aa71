/**
 * The Docker sidecar scenario in full: real Collector and real Jaeger, Jaeger stopped for 60 s under 64
 * connections and started again, the collector container restarted 30 s into the outage. Every request's trace is
 * looked up in Jaeger by id afterwards.
 */
import { test } from 'node:test';
import { realDockerStackSkip } from '../support/real-docker-stack.js';
import { sidecarOutageScenario } from '../support/sidecar-outage-scenario.js';

test('Docker runtime: Jaeger away 60 s under load, collector restarted mid-outage: every span delivered', {
  skip: await realDockerStackSkip(),
  timeout: 1_800_000,
}, async (t) => {
  await sidecarOutageScenario(t, {
    connections: 64,
    ratePerSecond: 800,
    beforeS: 15,
    outageS: 60,
    afterS: 15,
    restartCollector: true,
  });
});
