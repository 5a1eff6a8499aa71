import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loadDataset } from '../src/dataset/load-dataset.js';
import { defaultDataFile } from '../src/paths.js';
import type { ZipRecord } from '../src/types.js';
import { rawRequest } from './support/raw-request.js';
import { type RunningApp, startApp } from './support/start-app.js';

let app: RunningApp;
let draining = false;
before(async () => {
  app = await startApp({ isDraining: () => draining });
});
after(() => app.close());

const get = (path: string, headers: Record<string, string> = {}) => rawRequest(app.port, path, { headers });
const json = <T>(response: { text: string }) => JSON.parse(response.text) as T;

describe('GET /zips/:zip', () => {
  test('returns the record as JSON', async () => {
    const response = await get('/zips/11215');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(json(response), {
      zip: '11215',
      city: 'Brooklyn',
      state: 'NY',
      stateName: 'New York',
      county: 'Kings',
      latitude: 40.6669,
      longitude: -73.9828,
    });
  });

  test('keeps leading zeros', async () => {
    assert.equal(json<ZipRecord>(await get('/zips/00501')).city, 'Holtsville');
  });

  test('answers an unknown ZIP with a 404 problem body', async () => {
    const response = await get('/zips/00000');
    assert.equal(response.status, 404);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(json(response), {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'ZIP code 00000 is not in the dataset; GET /zips?state=NY lists the known ones',
    });
  });

  test('sets the security headers', async () => {
    const { headers } = await get('/zips/11215');
    assert.equal(headers['x-content-type-options'], 'nosniff');
    assert.equal(headers['x-frame-options'], 'DENY');
    assert.match(String(headers['content-security-policy']), /default-src 'none'/);
    assert.equal(headers['x-powered-by'], undefined);
  });
});

describe('GET /zips (whole list)', () => {
  test('lists every record once, brotli-compressed when accepted, with an ETag', async () => {
    const response = await get('/zips', { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-encoding'], 'br');
    assert.equal(response.headers.vary, 'Accept-Encoding');
    assert.match(String(response.headers.etag), /^"[\w-]+-br"$/);
    const body = JSON.parse(brotliDecompressSync(response.body).toString()) as {
      data: ZipRecord[];
      next: null;
    };
    assert.equal(body.data.length, 41488);
    assert.equal(body.next, null);
    assert.equal(body.data[0]?.zip, '00501');
  });

  test('serves gzip and identity with their own ETags, all the same JSON', async () => {
    const gzip = await get('/zips', { 'Accept-Encoding': 'gzip' });
    const identity = await get('/zips', { 'Accept-Encoding': 'identity' });
    const refusedBr = await get('/zips', { 'Accept-Encoding': 'br;q=0, gzip;q=0.5' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(refusedBr.headers['content-encoding'], 'gzip');
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.equal(identity.headers['content-length'], String(identity.body.length));
    assert.deepEqual(gunzipSync(gzip.body), identity.body);
    assert.notEqual(gzip.headers.etag, identity.headers.etag);
  });

  test('sends exactly the text JSON.stringify gives for the whole dataset', async () => {
    const identity = await get('/zips', { 'Accept-Encoding': 'identity' });
    const records = (await loadDataset(defaultDataFile)).index.all();
    assert.equal(identity.text, JSON.stringify({ data: records, next: null }));
  });

  test('answers If-None-Match with 304 for any of its ETags', async () => {
    const first = await get('/zips', { 'Accept-Encoding': 'gzip' });
    const etag = String(first.headers.etag);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('/zips', { 'Accept-Encoding': 'gzip', 'If-None-Match': header });
      assert.equal(again.status, 304, header);
      assert.equal(again.body.length, 0);
    }
    assert.equal((await get('/zips', { 'If-None-Match': '"stale"' })).status, 200);
  });
});

describe('GET /zips (filters and pages)', () => {
  test('filters by state, case-insensitively', async () => {
    const body = json<{ data: ZipRecord[]; next: null }>(await get('/zips?state=ny'));
    assert.ok(body.data.length > 2000);
    assert.ok(body.data.every((record) => record.state === 'NY'));
    assert.equal(body.next, null);
  });

  test('filters by city, case-insensitively, and by both', async () => {
    const city = json<{ data: ZipRecord[] }>(await get('/zips?city=BROOKLYN'));
    assert.ok(city.data.some((record) => record.zip === '11215'));
    assert.ok(city.data.every((record) => record.city === 'Brooklyn'));
    const both = json<{ data: ZipRecord[] }>(await get('/zips?city=brooklyn&state=NY'));
    assert.deepEqual(
      both.data,
      city.data.filter((record) => record.state === 'NY'),
    );
    assert.deepEqual(json(await get('/zips?city=nowhere%20at%20all')), { data: [], next: null });
  });

  test('pages through a filter with limit and the next link, without gaps or repeats', async () => {
    const all = json<{ data: ZipRecord[] }>(await get('/zips?state=RI')).data;
    const seen: ZipRecord[] = [];
    let next: string | null = '/zips?state=RI&limit=25';
    let pages = 0;
    while (next !== null && pages < 100) {
      const page: { data: ZipRecord[]; next: string | null } = json(await get(next));
      assert.ok(page.data.length <= 25);
      seen.push(...page.data);
      next = page.next;
      pages++;
    }
    assert.deepEqual(seen, all);
    assert.equal(pages, Math.ceil(all.length / 25));
  });

  test('a cursor continues after the given ZIP', async () => {
    const page = json<{ data: ZipRecord[]; next: string }>(await get('/zips?limit=2&cursor=11214'));
    assert.deepEqual(
      page.data.map((record) => record.zip),
      ['11215', '11216'],
    );
    assert.equal(page.next, '/zips?limit=2&cursor=11216');
  });
});

describe('HTML pages', () => {
  test('GET / shows the search form and links to pages and the JSON API', async () => {
    const response = await get('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(response.text, /<form class="search" action="\/lookup" method="get"/);
    assert.match(response.text, /href="\/11215"/);
    assert.match(response.text, /href="\/zips\/11215"/);
    assert.match(response.text, /GeoNames/);
  });

  test('GET /:zip shows the record, links to its JSON and to the other ZIPs of the city', async () => {
    const response = await get('/11215');
    assert.equal(response.status, 200);
    assert.match(response.text, /<dd id="city">Brooklyn<\/dd>/);
    assert.match(response.text, /New York \(NY\)/);
    assert.match(response.text, /Kings/);
    assert.match(response.text, /40\.6669, -73\.9828/);
    assert.match(response.text, /href="\/zips\/11215"/);
    assert.match(response.text, /href="\/11201"/);
  });

  test('GET /:zip escapes non-ASCII names correctly', async () => {
    assert.match((await get('/88001')).text, /Doña Ana/);
  });

  test('GET /:zip answers unknown ZIPs with a 404 page', async () => {
    const response = await get('/00000');
    assert.equal(response.status, 404);
    assert.equal(response.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(response.text, /404 Not Found/);
    assert.match(response.text, /ZIP code 00000 is not in the dataset/);
  });

  test('GET /lookup redirects the form to the ZIP page', async () => {
    for (const value of ['11215', '%2011215%20']) {
      const response = await get(`/lookup?zip=${value}`);
      assert.equal(response.status, 303);
      assert.equal(response.headers.location, '/11215');
    }
  });

  test('GET /favicon.ico is an empty 204, not a bad ZIP', async () => {
    const response = await get('/favicon.ico');
    assert.equal(response.status, 204);
    assert.equal(response.body.length, 0);
  });

  test('GET /static/zips.css serves the stylesheet', async () => {
    const response = await get('/static/zips.css');
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/css; charset=utf-8');
    assert.match(response.text, /form\.search/);
  });
});

describe('health', () => {
  test('/healthz and /readyz answer 200', async () => {
    assert.deepEqual(json(await get('/healthz')), { status: 'ok' });
    assert.deepEqual(json(await get('/readyz')), { status: 'ready', records: 41488 });
  });

  test('/readyz turns 503 and connections are closed while draining', async () => {
    draining = true;
    try {
      const response = await get('/readyz');
      assert.equal(response.status, 503);
      assert.equal(response.headers.connection, 'close');
    } finally {
      draining = false;
    }
  });
});

describe('methods', () => {
  test('HEAD returns the headers of GET without a body', async () => {
    const head = await rawRequest(app.port, '/zips/11215', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], '126');
    const list = await rawRequest(app.port, '/zips', {
      method: 'HEAD',
      headers: { 'Accept-Encoding': 'br' },
    });
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 0);
    assert.equal(list.headers['content-encoding'], 'br');
  });

  test('OPTIONS lists the allowed methods', async () => {
    for (const path of ['/zips', '/zips/11215', '/', '/11215', '/healthz']) {
      const response = await rawRequest(app.port, path, { method: 'OPTIONS' });
      assert.equal(response.status, 204, path);
      assert.equal(response.headers.allow, 'GET, HEAD, OPTIONS', path);
    }
  });

  test('other methods get 405 with Allow, as JSON on the API and HTML on pages', async () => {
    const api = await rawRequest(app.port, '/zips/11215', { method: 'POST' });
    assert.equal(api.status, 405);
    assert.equal(api.headers.allow, 'GET, HEAD, OPTIONS');
    assert.equal(json<{ status: number }>(api).status, 405);
    const page = await rawRequest(app.port, '/11215', { method: 'DELETE' });
    assert.equal(page.status, 405);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  });

  test('a trailing slash reaches the same route, so its errors stay JSON on the API', async () => {
    for (const path of ['/healthz/', '/readyz/', '/zips/', '/ZIPS/11215/']) {
      const response = await rawRequest(app.port, path, { method: 'DELETE' });
      assert.equal(response.status, 405, path);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8', path);
    }
  });
});

describe('unknown paths', () => {
  test('are 404, as JSON under /zips and HTML elsewhere', async () => {
    const api = await get('/zips/11215/extra');
    assert.equal(api.status, 404);
    assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
    const page = await get('/a/b');
    assert.equal(page.status, 404);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  });
});
