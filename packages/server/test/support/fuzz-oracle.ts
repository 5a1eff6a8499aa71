/**
 * What a well-formed answer to a fuzzed request is: never 5xx; a body only with a Content-Type; JSON that parses
 * on the API routes, an HTML document (with every echoed payload escaped) on the pages, CSS for the stylesheet.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { RawRequest, RawResponse } from '@zips/test-support/raw-http';
import { ATTRIBUTE_PAYLOAD, SCRIPT_PAYLOAD } from './fuzz-inputs.js';

const API_ROUTE = /^\/(zips(\/[^/]*)?|healthz|readyz)\/?$/i;

/** Problems with the response, empty when it is well-formed. */
export function checkResponse(request: RawRequest, response: RawResponse): string[] {
  const problems: string[] = [];
  const { status, headers, body } = response;
  if (status >= 500) problems.push(`status ${status}`);
  const type = headers.get('content-type') ?? '';
  // Node's HTTP parser answers unparseable requests itself (400/414/431) with an empty body and no headers.
  const parserReject = type === '' && body.length === 0 && [400, 413, 414, 431].includes(status);
  if (parserReject) return problems;
  const redirect = status >= 300 && status < 400 && status !== 304;
  if (redirect && !headers.get('location')) problems.push(`redirect ${status} without Location`);
  // A redirect's body is optional (Express sends none when the Accept header matches no format).
  if (request.method !== 'HEAD' && body.length === 0 && ![204, 304].includes(status) && !redirect) {
    problems.push(`status ${status} with an empty body`);
  }
  if (body.length > 0 && type === '') problems.push('a body without Content-Type');
  if (headers.get('x-content-type-options') !== 'nosniff')
    problems.push('no X-Content-Type-Options: nosniff');
  let text: string;
  try {
    text = decode(body, headers.get('content-encoding')).toString('utf8');
  } catch (error) {
    problems.push(`body does not decode as its Content-Encoding: ${(error as Error).message}`);
    return problems;
  }
  if (/json/.test(type) && body.length > 0) {
    try {
      JSON.parse(text);
    } catch {
      problems.push(`Content-Type ${type} but the body is not JSON: ${text.slice(0, 80)}`);
    }
  }
  if (/text\/html/.test(type) && body.length > 0) {
    if (!/^<!doctype html>/i.test(text.trimStart())) problems.push('text/html that is not an HTML document');
    if (text.includes(SCRIPT_PAYLOAD) || text.includes(ATTRIBUTE_PAYLOAD) || /<script/i.test(text)) {
      problems.push('HTML echoes a script/attribute payload unescaped');
    }
  }
  const path = request.target.split('?')[0] ?? '';
  if (API_ROUTE.test(path) && body.length > 0 && !/json/.test(type)) {
    problems.push(`API route answered ${status} with ${type || 'no type'} instead of JSON`);
  }
  return problems;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (body.length === 0 || encoding === undefined || encoding === 'identity') return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  if (encoding === 'deflate') return inflateSync(body);
  throw new Error(`unknown Content-Encoding ${encoding}`);
}
