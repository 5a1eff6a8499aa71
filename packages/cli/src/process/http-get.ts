/**
 * A plain GET with node:http: `fetch` would first load undici (~50 ms), and `lookup` is meant to start fast.
 * https is loaded only for https URLs.
 */
import type { IncomingMessage, RequestOptions } from 'node:http';

export interface GetResult {
  status: number;
  text: string;
}

export async function httpGet(
  url: URL,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<GetResult> {
  // Not `await import('node:http')`: the ESM facade of a built-in evaluates all its lazy exports, and node:http's
  // include undici (WebSocket & co.), which costs 20-40 ms of start-up. getBuiltinModule hands over the module as is.
  // (Node 22.3+; the import remains for older 22.x.)
  const { request } =
    url.protocol === 'https:'
      ? (process.getBuiltinModule?.('node:https') ?? (await import('node:https')))
      : (process.getBuiltinModule?.('node:http') ?? (await import('node:http')));
  const options: RequestOptions = { method: 'GET', headers, timeout: timeoutMs };
  return new Promise((resolve, reject) => {
    const req = request(url, options, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', reject);
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end();
  });
}
