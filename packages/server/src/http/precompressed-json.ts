import { createHash, type Hash } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { type BrotliOptions, constants, createBrotliCompress, createGzip, gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** An encoded form of the body and its strong ETag. */
export interface Representation {
  body: Buffer;
  etag: string;
  /** `Content-Encoding`, or undefined for identity. */
  encoding: 'br' | 'gzip' | undefined;
}

/** The JSON text of a body, as pieces whose concatenation is the whole text; iterated once per encoding. */
export type JsonPieces = () => Iterable<string>;

/** Pieces of at most about this many characters go to the compressors at a time. */
const CHUNK_CHARS = 64 * 1024;

/**
 * A large JSON body (the whole dataset, ~5 MB) compressed once, at construction, on libuv's thread pool.
 * Only the compressed forms are kept (~1.3 MB together instead of 5 MB more): the text is produced piece by
 * piece straight into the compressors, never as one string, and the rare client that accepts neither brotli
 * nor gzip gets the gzip form inflated on demand. Each encoding has its own strong ETag, as HTTP requires.
 */
export class PrecompressedJson {
  readonly #gzip: Promise<Representation & { identityEtag: string; identityLength: number }>;
  readonly #br: Promise<Representation>;

  constructor(pieces: JsonPieces) {
    this.#gzip = compress(pieces, createGzip({ level: 6 }), createHash('sha256')).then(
      ({ body, hash, length }) => ({
        body,
        etag: `"${hash}-gz"`,
        encoding: 'gzip' as const,
        identityEtag: `"${hash}"`,
        identityLength: length,
      }),
    );
    // Brotli 11 would take seconds for ~5 MB; 6 keeps startup quick and still beats gzip. A 1 MiB window
    // (instead of 4) keeps the encoder's memory small at the cost of about 1 % in size.
    const brotliOptions: BrotliOptions['params'] = {
      [constants.BROTLI_PARAM_QUALITY]: 6,
      [constants.BROTLI_PARAM_LGWIN]: 20,
    };
    this.#br = Promise.all([
      this.#gzip,
      compress(pieces, createBrotliCompress({ params: brotliOptions })),
    ]).then(([gz, br]) => ({
      body: br.body,
      etag: `${gz.identityEtag.slice(0, -1)}-br"`,
      encoding: 'br' as const,
    }));
    // Failures surface to the request that awaits them; this only stops an unhandled-rejection crash.
    this.#br.catch(() => undefined);
    this.#gzip.catch(() => undefined);
  }

  /** A body from a value, serialised with `JSON.stringify`: for values small enough to be one string. */
  static of(value: unknown): PrecompressedJson {
    return new PrecompressedJson(() => [JSON.stringify(value)]);
  }

  /** The representation to send for an `Accept-Encoding` header. */
  async negotiate(acceptEncoding: string | undefined): Promise<Representation> {
    const accepted = parseAcceptEncoding(acceptEncoding);
    if (accepted.has('br')) return this.#br;
    const gz = await this.#gzip;
    if (accepted.has('gzip')) return gz;
    return { body: await gunzipAsync(gz.body), etag: gz.identityEtag, encoding: undefined };
  }

  /** Every ETag this body is known by, for `If-None-Match`. */
  async etags(): Promise<string[]> {
    const [br, gz] = await Promise.all([this.#br, this.#gzip]);
    return [gz.identityEtag, br.etag, gz.etag];
  }
}

/** Feeds the pieces, in chunks of about {@link CHUNK_CHARS}, through `compressor` (and `hash`, if given). */
async function compress(
  pieces: JsonPieces,
  compressor: Transform,
  hash?: Hash,
): Promise<{ body: Buffer; hash: string; length: number }> {
  let length = 0;
  const chunks = function* (): Generator<Buffer> {
    let pending: string[] = [];
    let pendingChars = 0;
    const flush = (): Buffer => {
      const chunk = Buffer.from(pending.join(''));
      pending = [];
      pendingChars = 0;
      hash?.update(chunk);
      length += chunk.length;
      return chunk;
    };
    for (const piece of pieces()) {
      pending.push(piece);
      pendingChars += piece.length;
      if (pendingChars >= CHUNK_CHARS) yield flush();
    }
    if (pendingChars > 0) yield flush();
  };
  const output: Buffer[] = [];
  await pipeline(Readable.from(chunks()), compressor, async (compressed: AsyncIterable<Buffer>) => {
    for await (const chunk of compressed) output.push(chunk);
  });
  return { body: Buffer.concat(output), hash: hash?.digest('base64url').slice(0, 22) ?? '', length };
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
