import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import { HttpError } from '../http-error.js';

const decompressors = {
  gzip: promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
} as const;

/** Content-Encoding values the receiver can decode (`identity` or none means uncompressed). */
export function isSupportedEncoding(encoding: string): boolean {
  return encoding === '' || encoding === 'identity' || Object.hasOwn(decompressors, encoding);
}

/**
 * Reads a request body, counting bytes as they arrive so that nothing beyond `maxBytes` is ever buffered, then
 * decompresses it with the same limit on the decompressed size (a small gzip bomb cannot expand unbounded).
 * @throws {HttpError} 413 over the limit, 400 for a body that cannot be decompressed.
 */
export async function readBody(req: IncomingMessage, maxBytes: number, encoding: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes)
    throw tooLarge(maxBytes, `Content-Length ${declared}`);
  const { chunks, received } = await collect(req, maxBytes);
  const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, received);
  const decompress = decompressors[encoding as keyof typeof decompressors];
  if (decompress === undefined) return raw;
  try {
    return await decompress(raw, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(maxBytes, `a ${encoding} body that expands beyond ${maxBytes} bytes`);
    }
    throw new HttpError(
      400,
      `request body is not valid ${encoding} (${(error as Error).message}); send it complete, or without Content-Encoding`,
    );
  }
}

/**
 * The body's chunks, up to `maxBytes`. Past the limit it rejects with 413 but leaves the stream flowing and
 * discards the rest: leaving a `for await` loop early would destroy the request and with it the socket, and the
 * client would see its connection reset instead of the 413.
 */
function collect(req: IncomingMessage, maxBytes: number): Promise<{ chunks: Buffer[]; received: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (over) return;
      if (received > maxBytes) {
        over = true;
        chunks.length = 0;
        reject(tooLarge(maxBytes, `more than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve({ chunks, received }));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete)
        reject(
          Object.assign(new Error('the client closed before sending the whole body'), { code: 'ECONNRESET' }),
        );
    });
  });
}

function tooLarge(maxBytes: number, what: string): HttpError {
  return new HttpError(
    413,
    `request body too large: ${what}, the limit is ${maxBytes} bytes; send smaller batches (e.g. a lower maxExportBatchSize)`,
  );
}
