/**
 * Security: the HTML routes escape everything they echo. Each request puts a script or attribute-breaking payload
 * into a field a page repeats back (path segment, 404 path, lookup query); the page must show it escaped, never raw.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sendRaw } from '@zips/test-support/raw-http';
import { ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD } from '../support/fuzz-inputs.js';
import { startZipsServer } from '../support/server-process.js';

const escapeHtml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('\\', '&#92;');

const CASES: { name: string; target: string; payload: string; status: number }[] = [
  {
    name: 'ZIP page path segment (decoded)',
    target: `/${encodeURIComponent(SCRIPT_PAYLOAD)}`,
    payload: SCRIPT_PAYLOAD,
    status: 400,
  },
  {
    name: 'ZIP page path segment, attribute payload',
    target: `/${encodeURIComponent(ATTRIBUTE_PAYLOAD)}`,
    payload: ATTRIBUTE_PAYLOAD,
    status: 400,
  },
  { name: '404 path, raw', target: `/x/${SCRIPT_PAYLOAD}`, payload: SCRIPT_PAYLOAD, status: 404 },
  {
    name: 'lookup query',
    target: `/lookup?zip=${encodeURIComponent(SCRIPT_PAYLOAD)}`,
    payload: SCRIPT_PAYLOAD,
    status: 400,
  },
  {
    name: 'lookup query, attribute payload',
    target: `/lookup?zip=${encodeURIComponent(ATTRIBUTE_PAYLOAD)}`,
    payload: ATTRIBUTE_PAYLOAD,
    status: 400,
  },
];

test('HTML routes escape every echoed value (script and attribute payloads)', {
  timeout: 60_000,
}, async (t) => {
  await using server = await startZipsServer({ OTEL_SDK_DISABLED: 'true' });
  for (const c of CASES) {
    await t.test(c.name, async () => {
      const response = await sendRaw(server.port, { method: 'GET', target: c.target, headers: [] });
      const body = response.body.toString('utf8');
      assert.equal(response.status, c.status);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.doesNotMatch(body, /<script|<img/i, 'the payload reached the page unescaped');
      // JSON.stringify in the error message turns " into \" before the page escapes it.
      const echoed = escapeHtml(JSON.stringify(c.payload).slice(1, -1));
      assert.ok(body.includes(echoed), `the page does not echo the payload escaped (${echoed}):\n${body}`);
      assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    });
  }
});
