/**
 * The trace link `zips lookup` prints in the Docker runtime, `<Jaeger UI>/trace/<id>`, checked against the real
 * Jaeger v2 (built by scripts/ci/real-stack-tools.sh) running natively on free loopback ports: it answers 200
 * with Jaeger UI's single-page app, which routes /trace/<id> in the browser, and the trace is there to show.
 * Jaeger built from its Go module has no UI bundle, so the page is Jaeger's own placeholder index; the test
 * asserts what is true of both: the UI's index document for the path, not a 404.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { realStackSkip, startJaeger } from '@zips/test-support/real-stack';
import { waitFor } from '@zips/test-support/wait-for';
import { traceLink } from '../src/commands/lookup/trace-link.js';
import type { RecordedStackState } from '../src/state/stack-state.js';

function otlpJsonTrace(traceId: string): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'zips' } }] },
        scopeSpans: [
          {
            scope: { name: 'real-jaeger-trace-link' },
            spans: [
              {
                traceId,
                spanId: randomBytes(8).toString('hex'),
                name: 'GET /zips/:zip',
                kind: 2,
                startTimeUnixNano: String(now - 5_000_000n),
                endTimeUnixNano: String(now),
              },
            ],
          },
        ],
      },
    ],
  });
}

describe('trace link against the real Jaeger', { skip: realStackSkip('jaeger') }, () => {
  test('<jaeger ui>/trace/<id>, the form zips lookup prints in Docker, answers 200 with the UI', async () => {
    await using jaeger = await startJaeger();
    const traceId = randomBytes(16).toString('hex');
    const sent = await fetch(`${jaeger.otlpHttpUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: otlpJsonTrace(traceId),
    });
    assert.equal(sent.status, 200, await sent.text());
    await waitFor(
      'the trace in Jaeger',
      async () => ((await fetch(`${jaeger.queryUrl}/api/v3/traces/${traceId}`)).ok ? true : undefined),
      15_000,
    );

    const state = {
      version: 1,
      runtime: 'docker',
      startedAt: new Date().toISOString(),
      urls: {
        app: 'http://127.0.0.1:5000',
        traceUi: jaeger.queryUrl,
        traceQuery: jaeger.queryUrl,
        otlpHttp: '',
      },
    } satisfies RecordedStackState;
    const link = traceLink(state, traceId);
    assert.equal(link, `${jaeger.queryUrl}/trace/${traceId}`);

    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const text = await page.text();
    assert.match(text, /^<!DOCTYPE html>/i);
    const index = await (await fetch(`${jaeger.queryUrl}/`)).text();
    assert.equal(
      text,
      index,
      'Jaeger answers the UI path with its single-page app, which routes /trace/<id>',
    );
    // A path outside the UI's routes and assets is still a 404: the 200 above is the UI's routing, not a catch-all.
    assert.equal((await fetch(`${jaeger.queryUrl}/static/zips-no-such-asset.js`)).status, 404);
  });
});
