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
  const { request } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
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
