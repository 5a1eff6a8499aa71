/**
 * The canary: a test span sent through the running pipeline, hop by hop, so a broken pipeline says where it
 * broke. Hop 1: the CLI exports a span to the OTLP receiver. Hop 2: the trace store has it. Hop 3: a request to
 * the server (with a traceparent) produces server spans that also arrive.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedStackState } from '../../state/stack-state.js';
import { version } from '../../version.js';
import { exportClientSpan } from '../lookup/client-span.js';
import { newSpanIds, traceparent } from '../lookup/span-ids.js';
import type { Check } from './check.js';

const storeWaitMs = 10_000;

export async function canaryChecks(state: RecordedStackState): Promise<Check[]> {
  const ids = newSpanIds();
  const now = performance.timeOrigin + performance.now();
  const failure = await exportClientSpan({
    ids,
    name: 'zips doctor canary',
    startTime: now,
    endTime: now + 1,
    endpoint: state.urls.otlpHttp,
    serviceVersion: version(),
    attributes: { 'zips.canary': true },
  });
  const hop1: Check = failure
    ? {
        name: 'Canary hop 1: CLI → OTLP receiver',
        status: 'fail',
        detail: `${state.urls.otlpHttp} refused the span: ${failure}`,
      }
    : {
        name: 'Canary hop 1: CLI → OTLP receiver',
        status: 'ok',
        detail: `accepted by ${state.urls.otlpHttp}`,
      };
  if (failure)
    return [
      hop1,
      skipped('Canary hop 2: receiver → trace store'),
      skipped('Canary hop 3: server → receiver'),
    ];
  const stored = await waitForServices(state, ids.traceId, (services) => services.size > 0);
  const hop2: Check = stored
    ? {
        name: 'Canary hop 2: receiver → trace store',
        status: 'ok',
        detail: `trace ${ids.traceId} found at ${state.urls.traceQuery}`,
      }
    : {
        name: 'Canary hop 2: receiver → trace store',
        status: 'fail',
        detail: `trace ${ids.traceId} not found at ${state.urls.traceQuery} within ${storeWaitMs / 1000}s`,
      };
  return [hop1, hop2, stored ? await serverHop(state) : skipped('Canary hop 3: server → receiver')];
}

async function serverHop(state: RecordedStackState): Promise<Check> {
  const name = 'Canary hop 3: server → receiver';
  const ids = newSpanIds();
  try {
    const response = await fetch(`${state.urls.app}/zips/11215`, {
      headers: { traceparent: traceparent(ids) },
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel();
  } catch (error) {
    return {
      name,
      status: 'fail',
      detail: `the server at ${state.urls.app} did not answer: ${(error as Error).message}`,
    };
  }
  const found = await waitForServices(state, ids.traceId, (services) =>
    [...services].some((s) => s !== 'zips-cli'),
  );
  return found
    ? { name, status: 'ok', detail: `server spans of trace ${ids.traceId} reached the trace store` }
    : {
        name,
        status: 'fail',
        detail: `the server answered but its spans (trace ${ids.traceId}) did not arrive: check its OTEL_* settings and \`zips logs server\``,
      };
}

/** Polls the api/v3 query API for a trace until `done(serviceNames)` or the deadline. */
async function waitForServices(
  state: RecordedStackState,
  traceId: string,
  done: (services: Set<string>) => boolean,
): Promise<boolean> {
  const deadline = Date.now() + storeWaitMs;
  while (Date.now() < deadline) {
    if (done(await traceServices(state.urls.traceQuery, traceId))) return true;
    await sleep(250);
  }
  return false;
}

async function traceServices(queryUrl: string, traceId: string): Promise<Set<string>> {
  const services = new Set<string>();
  try {
    const response = await fetch(`${queryUrl}/api/v3/traces/${traceId}`, {
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return services;
    }
    const body = (await response.json()) as { result?: { resourceSpans?: ResourceSpans[] } };
    for (const resourceSpans of body.result?.resourceSpans ?? []) {
      const attribute = resourceSpans.resource?.attributes?.find((a) => a.key === 'service.name');
      if (attribute?.value?.stringValue) services.add(attribute.value.stringValue);
    }
  } catch (error) {
    // The store may be briefly unavailable; the caller keeps polling until its deadline.
    if (!(error instanceof Error)) throw error;
  }
  return services;
}

interface ResourceSpans {
  resource?: { attributes?: { key: string; value?: { stringValue?: string } }[] };
}

function skipped(name: string): Check {
  return { name, status: 'skip', detail: 'skipped: an earlier hop failed' };
}
