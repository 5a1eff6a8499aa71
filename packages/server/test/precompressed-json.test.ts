import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { PrecompressedJson } from '../src/http/precompressed-json.js';

/** ~300 KB of JSON over many pieces, with non-ASCII text crossing the compressors' chunk boundaries. */
const pieces = function* (): Generator<string> {
  yield '{"data":[';
  for (let i = 0; i < 5000; i++)
    yield `${i === 0 ? '' : ','}{"n":${i},"county":"Doña Ana ${'ñ'.repeat(i % 7)}"}`;
  yield '],"next":null}';
};
const text = [...pieces()].join('');

describe('PrecompressedJson', () => {
  const body = new PrecompressedJson(pieces);

  test('brotli, gzip and identity all carry exactly the text of the pieces', async () => {
    const br = await body.negotiate('gzip, br');
    const gz = await body.negotiate('gzip');
    const identity = await body.negotiate(undefined);
    assert.equal(br.encoding, 'br');
    assert.equal(gz.encoding, 'gzip');
    assert.equal(identity.encoding, undefined);
    assert.equal(brotliDecompressSync(br.body).toString(), text);
    assert.equal(gunzipSync(gz.body).toString(), text);
    assert.equal(identity.body.toString(), text);
    assert.ok(br.body.length < gz.body.length && gz.body.length < identity.body.length);
  });

  test('each representation has its own ETag, the identity one naming the hash of the text', async () => {
    const hash = createHash('sha256').update(text).digest('base64url').slice(0, 22);
    assert.deepEqual(await body.etags(), [`"${hash}"`, `"${hash}-br"`, `"${hash}-gz"`]);
    assert.equal((await body.negotiate('identity')).etag, `"${hash}"`);
  });

  test('of(value) serialises with JSON.stringify', async () => {
    const value = { data: [{ zip: '00501', city: 'Holtsville' }], next: null };
    const identity = await PrecompressedJson.of(value).negotiate('identity');
    assert.equal(identity.body.toString(), JSON.stringify(value));
  });
});
