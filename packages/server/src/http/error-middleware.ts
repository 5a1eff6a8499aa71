import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request } from 'express';
import { HttpError } from './http-error.js';
import type { Renderer } from './renderer.js';

/** An RFC 9457 problem body, as API routes return it. */
export interface Problem {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  /** The query parameter or path segment at fault, when there is one. */
  param?: string;
}

/** True for routes that answer JSON, whose errors are problem bodies rather than pages. */
export function isApiPath(path: string): boolean {
  // Express routes case-insensitively (`/ZIPS/11215` reaches `/zips/:zip`) and ignores one trailing slash
  // (`/healthz/` reaches `/healthz`), so this check does too.
  const lower = path.toLowerCase().replace(/(.)\/$/, '$1');
  return lower === '/zips' || lower.startsWith('/zips/') || lower === '/healthz' || lower === '/readyz';
}

/**
 * The one error middleware, registered last. Client errors keep their status and message; anything else is
 * logged here with its stack and reaches the client as a bare 500, so no internals leak.
 */
export function errorMiddleware(renderer: Renderer): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      // Too late for a clean error: hand over so Express closes the connection.
      next(error);
      return;
    }
    const problem = toProblem(error, req);
    res.status(problem.status);
    if (isApiPath(req.path)) {
      res.type('application/problem+json').send(toSafeJson(problem));
      return;
    }
    res.type('html').send(renderErrorPage(renderer, problem));
  };
}

/** JSON with `<`, `>` and `&` escaped, since problem details quote request input. */
function toSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function toProblem(error: unknown, req: Request): Problem {
  if (error instanceof HttpError) {
    const problem: Problem = {
      type: 'about:blank',
      title: error.title,
      status: error.status,
      detail: error.message,
    };
    if (error.param !== undefined) problem.param = error.param;
    return problem;
  }
  const status = clientStatus(error);
  if (status !== undefined) {
    return {
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: clientDetail(error, status),
    };
  }
  console.error(`zips: internal error on ${req.method} ${req.path.slice(0, 200)}:`, error);
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: 'the server failed to answer this request; the server log has the details',
  };
}

/** The 4xx status of errors Express and its parsers raise for bad input (e.g. undecodable `%` escapes). */
function clientStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}

function clientDetail(error: unknown, status: number): string {
  if (error instanceof URIError || (error as { name?: unknown }).name === 'URIError') {
    return 'the path contains an invalid percent-encoding (a "%" not followed by two hex digits of valid UTF-8)';
  }
  return `${STATUS_CODES[status] ?? 'bad request'}: the request could not be understood as sent`;
}

function renderErrorPage(renderer: Renderer, problem: Problem): string {
  try {
    return renderer.render('error.njk', { problem });
  } catch (error) {
    console.error('zips: the error page failed to render:', error);
    return `<!doctype html><title>${problem.status}</title><p>${problem.status} ${problem.title}</p>`;
  }
}
