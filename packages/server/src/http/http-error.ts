import { STATUS_CODES } from 'node:http';

/** A client-facing error: the status and a message that names the input and the fix. */
export class HttpError extends Error {
  override name = 'HttpError';
  /** Query parameter or path segment at fault, echoed in the problem body as `param`. */
  readonly param: string | undefined;

  constructor(
    readonly status: number,
    message: string,
    options: { param?: string; cause?: unknown } = {},
  ) {
    // A client error is an expected answer, never logged with a stack nor shown with one: capturing it (V8 walks
    // the whole Express call chain) would be pure cost on every 400/404.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message, { cause: options.cause });
    Error.stackTraceLimit = limit;
    this.param = options.param;
  }

  get title(): string {
    return STATUS_CODES[this.status] ?? 'Error';
  }
}

export function badRequest(message: string, param?: string): HttpError {
  return param === undefined ? new HttpError(400, message) : new HttpError(400, message, { param });
}

export function notFound(message: string): HttpError {
  return new HttpError(404, message);
}

/** Shows untrusted input in a message: quoted, control characters escaped, cut to a readable length. */
export function quote(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}
