import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

const ALLOW = 'GET, HEAD, OPTIONS';

/**
 * The last handler of every read-only route: answers `OPTIONS` with `Allow` and anything other than
 * GET/HEAD with 405, instead of letting it fall through to another route.
 */
export const methodNotAllowed: RequestHandler = (req, res, next) => {
  res.set('Allow', ALLOW);
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next(new HttpError(405, `method ${req.method} is not allowed here; use one of ${ALLOW}`));
};
