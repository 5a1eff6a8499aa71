import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** An encoded form of the body and its strong ETag. */
export interface Representation {
  body: Buffer;
  etag: string;
  /** `Content-Encoding`, or undefined for identity. */
  encoding: 'br' | 'gzip' | undefined;
}

/**
 * A JSON body serialised once and compressed once (brotli and gzip, on libuv's thread pool, started at
 * construction so the first request rarely waits). Each encoding gets its own strong ETag, as HTTP requires
 * for different representations.
 */
export class PrecompressedJson {
  readonly identity: Representation;
  readonly #br: Promise<Representation>;
  readonly #gzip: Promise<Representation>;

  constructor(value: unknown) {
    const body = Buffer.from(JSON.stringify(value));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    this.identity = { body, etag: `"${hash}"`, encoding: undefined };
    // Brotli 11 would take seconds for ~5 MB; 6 keeps startup quick and still beats gzip.
    this.#br = brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }).then((compressed) => ({
      body: compressed,
      etag: `"${hash}-br"`,
      encoding: 'br',
    }));
    this.#gzip = gzipAsync(body, { level: 6 }).then((compressed) => ({
      body: compressed,
      etag: `"${hash}-gz"`,
      encoding: 'gzip',
    }));
    // Failures surface to the request that awaits them; this only stops an unhandled-rejection crash.
    this.#br.catch(() => undefined);
    this.#gzip.catch(() => undefined);
  }

  /** The representation to send for an `Accept-Encoding` header. */
  async negotiate(acceptEncoding: string | undefined): Promise<Representation> {
    const accepted = parseAcceptEncoding(acceptEncoding);
    if (accepted.has('br')) return this.#br;
    if (accepted.has('gzip')) return this.#gzip;
    return this.identity;
  }

  /** Every ETag this body is known by, for `If-None-Match`. */
  async etags(): Promise<string[]> {
    const [br, gz] = await Promise.all([this.#br, this.#gzip]);
    return [this.identity.etag, br.etag, gz.etag];
  }
}

/** Codings with a non-zero quality in an `Accept-Encoding` header. */
export function parseAcceptEncoding(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    if (name !== '' && (q === undefined || Number(q.slice(2)) > 0))
      accepted.add(name === 'x-gzip' ? 'gzip' : name);
  }
  return accepted;
}

/** True when an `If-None-Match` header matches one of `etags` (weak comparison, as RFC 9110 asks for GET). */
export function matchesIfNoneMatch(header: string | undefined, etags: readonly string[]): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => etags.includes(tag.trim().replace(/^W\//, '')));
}
