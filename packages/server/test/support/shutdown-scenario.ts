/**
 * The shutdown scenario: SIGTERM while clients keep requests in flight. Every request carries its own trace id, so
 * the test knows exactly which requests the server handled (their server span reached the collector) and which
 * ones it answered: the two sets must be equal (in-flight requests complete, and every completed request's spans
 * arrive), and the process must exit with 0 within 5 s.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { recordResult } from '@zips/test-support/results';
import { startTestCollector } from './collector.js';
import { startZipsServer, telemetryEnv } from './server-process.js';
import { newTraceId, tracedGet } from './traced-request.js';

export interface ShutdownOptions {
  /** Client loops sending requests back to back. */
  clients: number;
  /** Load before the SIGTERM, in seconds. */
  loadS: number;
}

interface Outcome {
  answered: Set<string>;
  errors: Map<string, number>;
}

export async function shutdownScenario(t: TestContext, { clients, loadS }: ShutdownOptions): Promise<void> {
  await using collector = await startTestCollector(1_000_000);
  await using server = await startZipsServer(telemetryEnv(collector.otlpHttpUrl));
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const outcome: Outcome = { answered: new Set(), errors: new Map() };
  let stopping = false;
  const loops = Array.from({ length: clients }, () =>
    clientLoop(server.baseUrl, agent, outcome, () => stopping),
  );
  await sleep(loadS * 1000);
  const exit = await server.stop('SIGTERM', 20_000);
  stopping = true;
  await Promise.all(loops);
  agent.destroy();
  // The exporter's last request was answered before the server exited, so the store is complete now.
  const handled = new Set(
    (collector.current()?.store.findTraces({ limit: Number.MAX_SAFE_INTEGER }) ?? []).map(
      (trace) => trace[0]?.traceId,
    ),
  );
  const answeredNotTraced = [...outcome.answered].filter((id) => !handled.has(id));
  const handledNotAnswered = [...handled].filter((id) => id !== undefined && !outcome.answered.has(id));
  recordResult(t.diagnostic.bind(t), `shutdown-${clients}-clients`, {
    clients,
    loadS,
    answered: outcome.answered.size,
    handledByServer: handled.size,
    answeredWithoutSpans: answeredNotTraced.length,
    handledButNotAnswered: handledNotAnswered.length,
    clientErrorsAfterSigterm: Object.fromEntries(outcome.errors),
    exitCode: exit.code,
    exitMs: exit.ms,
  });
  assert.equal(exit.code, 0, `exit code after SIGTERM; stderr:\n${server.stderr().slice(-1500)}`);
  assert.ok(exit.ms < 5_000, `the server took ${exit.ms} ms to exit after SIGTERM (limit 5000 ms)`);
  assert.ok(outcome.answered.size > 0, 'no request was answered before the SIGTERM');
  assert.deepEqual(handledNotAnswered, [], 'requests the server started handling were not answered');
  assert.deepEqual(answeredNotTraced, [], 'answered requests whose spans never reached the collector');
  // Told `Connection: close` while draining, keep-alive clients open a new connection and are refused; none is
  // reset mid-request.
  assert.equal(
    outcome.errors.get('ECONNRESET') ?? 0,
    0,
    `client errors: ${JSON.stringify(Object.fromEntries(outcome.errors))}`,
  );
}

/** Sends requests back to back until the server is gone; errors after the SIGTERM are counted by code. */
async function clientLoop(
  baseUrl: string,
  agent: Agent,
  outcome: Outcome,
  stopping: () => boolean,
): Promise<void> {
  for (;;) {
    const traceId = newTraceId();
    try {
      const status = await tracedGet(`${baseUrl}/zips/11215`, traceId, agent);
      if (status === 200) outcome.answered.add(traceId);
      else outcome.errors.set(`status ${status}`, (outcome.errors.get(`status ${status}`) ?? 0) + 1);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      outcome.errors.set(code, (outcome.errors.get(code) ?? 0) + 1);
      // Refused means the server has stopped listening: this client's part of the run is over.
      if (code === 'ECONNREFUSED' || stopping()) return;
    }
    if (stopping()) return;
  }
}
