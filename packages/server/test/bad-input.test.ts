import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rawRequest } from './support/raw-request.js';
import { type RunningApp, startApp } from './support/start-app.js';

let app: RunningApp;
before(async () => {
  app = await startApp();
});
after(() => app.close());

type Kind = 'json' | 'html' | 'none';
interface Case {
  name: string;
  path: string;
  status: number;
  kind: Kind;
  /** Parameter the problem body must name. */
  param?: string;
}

const script = '%3Cscript%3Ealert(1)%3C%2Fscript%3E';
const fullwidth11215 = encodeURIComponent('１１２１５');

// Every row: exact status, the error format of its route, and never a 5xx or a stack trace.
const cases: Case[] = [
  { name: 'upper-case route', path: '/ZIPS/abcde', status: 400, kind: 'json', param: 'zip' },
  { name: 'letters', path: '/zips/abcde', status: 400, kind: 'json', param: 'zip' },
  { name: '4 digits', path: '/zips/1121', status: 400, kind: 'json', param: 'zip' },
  { name: '6 digits', path: '/zips/112150', status: 400, kind: 'json', param: 'zip' },
  { name: 'blank', path: '/zips/%20', status: 400, kind: 'json', param: 'zip' },
  { name: 'NUL', path: '/zips/%00', status: 400, kind: 'json', param: 'zip' },
  { name: 'digits and NUL', path: '/zips/11215%00', status: 400, kind: 'json', param: 'zip' },
  { name: 'very long', path: `/zips/${'1'.repeat(5000)}`, status: 400, kind: 'json', param: 'zip' },
  { name: 'unicode digits', path: `/zips/${fullwidth11215}`, status: 400, kind: 'json', param: 'zip' },
  { name: 'encoded slash', path: '/zips/11%2F215', status: 400, kind: 'json', param: 'zip' },
  { name: 'path traversal', path: '/zips/..%2F..%2Fetc%2Fpasswd', status: 400, kind: 'json', param: 'zip' },
  { name: 'malformed escape', path: '/zips/%E0%A4%A', status: 400, kind: 'json' },
  { name: 'non-hex escape', path: '/zips/%ZZ', status: 400, kind: 'json' },
  { name: 'script in path', path: `/zips/${script}`, status: 400, kind: 'json', param: 'zip' },
  { name: 'page: letters', path: '/abcde', status: 400, kind: 'html' },
  { name: 'page: 4 digits', path: '/1121', status: 400, kind: 'html' },
  { name: 'page: 6 digits', path: '/112150', status: 400, kind: 'html' },
  { name: 'page: NUL', path: '/%00', status: 400, kind: 'html' },
  { name: 'page: very long', path: `/${'9'.repeat(5000)}`, status: 400, kind: 'html' },
  { name: 'page: unicode', path: `/${encodeURIComponent('Ünïcødé')}`, status: 400, kind: 'html' },
  { name: 'page: encoded slash', path: '/112%2F15', status: 400, kind: 'html' },
  { name: 'page: malformed escape', path: '/%E0%A4%A', status: 400, kind: 'html' },
  { name: 'page: script, encoded', path: `/${script}`, status: 400, kind: 'html' },
  { name: 'page: script, raw', path: '/<script>alert(1)', status: 400, kind: 'html' },
  { name: 'page: script, two segments', path: '/<script>alert(1)</script>', status: 404, kind: 'html' },
  { name: 'form: empty', path: '/lookup?zip=', status: 400, kind: 'html' },
  { name: 'form: missing', path: '/lookup', status: 400, kind: 'html' },
  { name: 'form: script', path: `/lookup?zip=${script}`, status: 400, kind: 'html' },
  { name: 'form: repeated', path: '/lookup?zip=11215&zip=10001', status: 400, kind: 'html' },
  { name: 'state: script', path: `/zips?state=${script}`, status: 400, kind: 'json', param: 'state' },
  { name: 'state: 1 letter', path: '/zips?state=N', status: 400, kind: 'json', param: 'state' },
  { name: 'state: 3 letters', path: '/zips?state=NYC', status: 400, kind: 'json', param: 'state' },
  { name: 'state: digits', path: '/zips?state=12', status: 400, kind: 'json', param: 'state' },
  { name: 'state: unknown', path: '/zips?state=ZZ', status: 400, kind: 'json', param: 'state' },
  { name: 'state: empty', path: '/zips?state=', status: 400, kind: 'json', param: 'state' },
  { name: 'state: repeated', path: '/zips?state=NY&state=CA', status: 400, kind: 'json', param: 'state' },
  { name: 'city: empty', path: '/zips?city=', status: 400, kind: 'json', param: 'city' },
  { name: 'city: too long', path: `/zips?city=${'a'.repeat(101)}`, status: 400, kind: 'json', param: 'city' },
  { name: 'city: script', path: `/zips?city=${script}`, status: 200, kind: 'none' },
  { name: 'limit: zero', path: '/zips?limit=0', status: 400, kind: 'json', param: 'limit' },
  { name: 'limit: negative', path: '/zips?limit=-1', status: 400, kind: 'json', param: 'limit' },
  { name: 'limit: letters', path: '/zips?limit=abc', status: 400, kind: 'json', param: 'limit' },
  { name: 'limit: fraction', path: '/zips?limit=1.5', status: 400, kind: 'json', param: 'limit' },
  { name: 'limit: too big', path: '/zips?limit=1001', status: 400, kind: 'json', param: 'limit' },
  { name: 'limit: huge', path: `/zips?limit=${'9'.repeat(400)}`, status: 400, kind: 'json', param: 'limit' },
  { name: 'limit: empty', path: '/zips?limit=', status: 400, kind: 'json', param: 'limit' },
  { name: 'cursor: letters', path: '/zips?cursor=abcde', status: 400, kind: 'json', param: 'cursor' },
  { name: 'cursor: 4 digits', path: '/zips?limit=5&cursor=1121', status: 400, kind: 'json', param: 'cursor' },
  { name: 'cursor: script', path: `/zips?cursor=${script}`, status: 400, kind: 'json', param: 'cursor' },
  { name: 'malformed query escape', path: '/zips?state=%E0%A4%A', status: 400, kind: 'json', param: 'state' },
  // Past Node's 16 KiB header limit the HTTP parser answers before the app does.
  { name: 'oversized URL', path: `/zips/${'1'.repeat(20_000)}`, status: 431, kind: 'none' },
];

describe('bad input', () => {
  for (const { name, path, status, kind, param } of cases) {
    test(`${name}: ${path.slice(0, 50)} -> ${status}`, async () => {
      const response = await rawRequest(app.port, path);
      assert.equal(response.status, status);
      assert.ok(response.status < 500);
      assert.doesNotMatch(response.text, /\bat .+\.js:\d+|Error:|node_modules/, 'no stack trace');
      assert.doesNotMatch(response.text, /<script>alert/, 'nothing from the request is echoed unescaped');
      if (kind === 'json') {
        assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
        const problem = JSON.parse(response.text) as { status: number; detail: string; param?: string };
        assert.equal(problem.status, status);
        assert.ok(problem.detail.length > 10);
        assert.equal(problem.param, param);
      }
      if (kind === 'html') {
        assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
        assert.match(response.text, new RegExp(`<h1 class="error">${status} `));
        assert.match(response.text, /<form class="search"/, 'the error page offers the search form');
      }
    });
  }
});
