import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http-error.js';
import { OtlpDecodeError } from '../otlp/decode-error.js';
import { encodeExportResponse, encodeStatus, type OtlpEncoding } from '../otlp/export-response.js';
import type { TraceStore } from '../store/trace-store.js';
import { type IngestResult, ingest } from './ingest.js';
import { isSupportedEncoding, readBody } from './read-body.js';
import type { ReceiverStats } from './receiver-stats.js';

export const TRACES_PATH = '/v1/traces';

const CONTENT_TYPES: Record<string, OtlpEncoding> = {
  'application/json': 'json',
  'application/x-protobuf': 'protobuf',
};

/** A batch the receiver accepted, as it arrived (decompressed), for the forwarder. */
export interface ReceivedBatch {
  encoding: OtlpEncoding;
  body: Buffer;
  spans: number;
}

export interface OtlpReceiverDeps {
  store: TraceStore;
  maxBodyBytes: number;
  /** Called after a batch with at least one valid span was stored. Must not throw or block. */
  onBatch?: (batch: ReceivedBatch) => void;
  /** Request counters. */
  stats?: ReceiverStats;
  log: (line: string) => void;
}

/** The OTLP/HTTP traces receiver as a Node request listener: `POST /v1/traces`, JSON or protobuf, maybe gzipped. */
export function createOtlpReceiver(
  deps: OtlpReceiverDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let encoding: OtlpEncoding = 'json';
    handle(req, deps, (e) => {
      encoding = e;
    })
      .then(
        ({ body, rejected, rejection }) => {
          deps.stats?.accepted();
          send(res, 200, encoding, encodeExportResponse(encoding, rejected, rejection));
          if (body !== undefined) deps.onBatch?.({ encoding, body: body.raw, spans: body.spans });
        },
        (error: unknown) => {
          // 499: the client went away (nginx's convention), not a failure of the receiver.
          const status = error instanceof HttpError ? error.status : isAbort(error) ? 499 : 500;
          deps.stats?.failed(status, String((error as Error).message));
          fail(req, res, encoding, error, deps.log);
        },
      )
      // A failure while answering (e.g. the socket is gone) must not become an unhandled rejection.
      .catch((error: unknown) => deps.log(`otlp receiver: could not answer: ${String(error)}`));
  };
}

interface Handled {
  body: { raw: Buffer; spans: number } | undefined;
  rejected: number;
  rejection: string;
}

async function handle(
  req: IncomingMessage,
  deps: OtlpReceiverDeps,
  setEncoding: (encoding: OtlpEncoding) => void,
): Promise<Handled> {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== TRACES_PATH) {
    throw new HttpError(404, `no such path ${path}; OTLP traces are received at POST ${TRACES_PATH}`);
  }
  if (req.method !== 'POST') {
    throw new HttpError(405, `method ${req.method} is not allowed on ${TRACES_PATH}; use POST`, {
      allow: 'POST',
    });
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const encoding = CONTENT_TYPES[mediaType];
  if (encoding === undefined) {
    throw new HttpError(
      415,
      `unsupported Content-Type "${mediaType}"; send application/json or application/x-protobuf (OTLP/HTTP)`,
    );
  }
  setEncoding(encoding);
  const contentEncoding = (req.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (!isSupportedEncoding(contentEncoding)) {
    throw new HttpError(
      415,
      `unsupported Content-Encoding "${contentEncoding}"; send gzip, deflate, br or none`,
    );
  }
  const raw = await readBody(req, deps.maxBodyBytes, contentEncoding);
  const { stored, rejected, rejection } = decode(deps.store, encoding, raw);
  return { body: stored > 0 ? { raw, spans: stored } : undefined, rejected, rejection };
}

function decode(store: TraceStore, encoding: OtlpEncoding, raw: Buffer): IngestResult {
  try {
    return ingest(store, encoding, raw);
  } catch (error) {
    if (error instanceof OtlpDecodeError) {
      const kind = encoding === 'json' ? 'OTLP/JSON' : 'OTLP/protobuf';
      throw new HttpError(
        400,
        `request body is not a valid ${kind} ExportTraceServiceRequest: ${error.message}`,
      );
    }
    throw error;
  }
}

function fail(
  req: IncomingMessage,
  res: ServerResponse,
  encoding: OtlpEncoding,
  error: unknown,
  log: (l: string) => void,
) {
  if (res.headersSent || res.destroyed) return;
  if (isAbort(error)) {
    log('otlp receiver: a client aborted its request before sending the whole body');
    return;
  }
  if (!(error instanceof HttpError)) {
    // Only a bug gets here: decoders and readBody report bad input as HttpError.
    log(`otlp receiver: internal error: ${(error as Error).stack ?? String(error)}`);
    send(res, 500, encoding, encodeStatus(encoding, 500, 'internal error in the zips OTLP receiver'));
    return;
  }
  if (!req.complete) lingerOverUnreadBody(req, res);
  send(res, error.status, encoding, encodeStatus(encoding, error.status, error.message), {
    ...error.headers,
  });
}

/** How long a connection stays open after an early answer while the client may still be sending its body. */
export const LINGER_MS = 2_000;

/**
 * The answer (a 413, say) goes out before the body has arrived. Closing the connection at once would reset it
 * while the client is still sending, and a reset makes the client drop the answer it has not read yet (what
 * curl used to see for a 64 MB body). So, as Go's net/http does, the rest of the body is read and discarded
 * unbuffered, and the connection is closed only if the client is still sending LINGER_MS after the answer: by
 * then it has read the answer and stopped (curl and the OTel exporters stop sending on an early final answer).
 */
function lingerOverUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  // Taken now: the response detaches from the socket when it finishes.
  const socket = req.socket;
  req.resume();
  res.once('finish', () => {
    if (req.complete || socket.destroyed) return;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
    socket.once('close', () => clearTimeout(timer));
  });
}

/**
 * `Expect: 100-continue` (curl sends it for bodies over 1 MB): a declared Content-Length over the limit is
 * answered 413 at once, without the 100 Continue, so the client never sends the body; anything else continues.
 */
export function continueUnlessTooLarge(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  maxBodyBytes: number,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const declared = Number(req.headers['content-length']);
    if (!(Number.isFinite(declared) && declared > maxBodyBytes)) res.writeContinue();
    listener(req, res);
  };
}

function isAbort(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function send(res: ServerResponse, status: number, encoding: OtlpEncoding, body: Buffer, headers = {}) {
  res.writeHead(status, {
    'content-type': encoding === 'json' ? 'application/json' : 'application/x-protobuf',
    'content-length': body.length,
    ...headers,
  });
  res.end(body);
}
