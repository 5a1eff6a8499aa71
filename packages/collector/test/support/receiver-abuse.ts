/** Requests for the receiver-abuse tests, sent to a real collector process. */
import { gzipSync } from 'node:zlib';
import { otlpJsonBatch } from './otlp-json.js';

export interface AbuseCase {
  name: string;
  status: number;
  body: Uint8Array | string;
  headers: Record<string, string>;
}

/** The abuse table for a collector started with `--max-body-bytes maxBytes`. */
export function abuseCases(maxBytes: number): AbuseCase[] {
  const json = { 'content-type': 'application/json' };
  const valid = otlpJsonBatch(5);
  const gzipped = gzipSync(valid);
  return [
    { name: 'body over the limit', status: 413, body: 'x'.repeat(maxBytes + 1024), headers: json },
    {
      name: 'gzip that expands over the limit (bomb)',
      status: 413,
      body: gzipSync(Buffer.alloc(maxBytes * 8, 0x20)),
      headers: { ...json, 'content-encoding': 'gzip' },
    },
    {
      name: 'truncated gzip',
      status: 400,
      body: gzipped.subarray(0, Math.floor(gzipped.length / 2)),
      headers: { ...json, 'content-encoding': 'gzip' },
    },
    {
      name: 'gzip header on a plain body',
      status: 400,
      body: valid,
      headers: { ...json, 'content-encoding': 'gzip' },
    },
    { name: 'malformed JSON', status: 400, body: '{"resourceSpans": [', headers: json },
    { name: 'JSON of the wrong shape', status: 400, body: '{"resourceSpans": 5}', headers: json },
    { name: 'JSON null', status: 400, body: 'null', headers: json },
    {
      name: 'malformed protobuf',
      status: 400,
      body: Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02]),
      headers: { 'content-type': 'application/x-protobuf' },
    },
    { name: 'text/plain', status: 415, body: valid, headers: { 'content-type': 'text/plain' } },
    { name: 'no content type', status: 415, body: valid, headers: {} },
    {
      name: 'form content type',
      status: 415,
      body: 'a=b',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      name: 'unknown content encoding',
      status: 415,
      body: valid,
      headers: { ...json, 'content-encoding': 'zstd-x' },
    },
  ];
}

export async function post(url: string, body: Uint8Array | string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}
