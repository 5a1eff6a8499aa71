/**
 * HTTP/1.1 over a plain socket, byte for byte: the fuzzer must send request lines and headers that Node's own
 * client refuses to build (control characters, raw UTF-8, malformed escapes, 20 KiB headers).
 */
import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** Request target exactly as sent. */
  target: string;
  headers: [string, string][];
}

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

/** Sends one request with `Connection: close` and reads the whole response. */
export function sendRaw(port: number, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => socket.destroy(new Error(`no response within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      try {
        resolve(parseResponse(Buffer.concat(chunks), request.method === 'HEAD'));
      } catch (error) {
        reject(error);
      }
    });
    const head = [`${request.method} ${request.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
    for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
    // write, not end: a half-closed socket makes Node's server abort the request before it answers.
    socket.write(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'));
  });
}

/** Parses a complete HTTP/1.1 response (Content-Length, chunked, or read-to-close bodies). */
export function parseResponse(raw: Buffer, isHead: boolean): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1)
    throw new Error(
      `malformed response (no end of headers): ${JSON.stringify(raw.subarray(0, 200).toString('latin1'))}`,
    );
  const lines = raw.subarray(0, end).toString('latin1').split('\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!statusLine) throw new Error(`malformed status line: ${JSON.stringify(lines[0])}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`malformed header line: ${JSON.stringify(line)}`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const rest = raw.subarray(end + 4);
  const status = Number(statusLine[1]);
  if (isHead || status === 204 || status === 304) return { status, headers, body: Buffer.alloc(0) };
  const body = headers.get('transfer-encoding')?.toLowerCase() === 'chunked' ? dechunk(rest) : rest;
  const length = headers.get('content-length');
  if (length !== undefined && Number(length) !== body.length) {
    throw new Error(`Content-Length ${length} but ${body.length} body bytes`);
  }
  return { status, headers, body };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) throw new Error('truncated chunked body');
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) throw new Error('malformed chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}
