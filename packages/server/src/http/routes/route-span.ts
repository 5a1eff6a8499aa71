import type { RequestHandler } from 'express';
import { setHttpRoute } from '../../tracing/tracer.js';

/**
 * First handler of every traced route: copies Express' matched route pattern onto the HTTP server span, so
 * spans are named `GET /zips/:zip` rather than by their raw URL.
 */
export const routeSpan: RequestHandler = (req, _res, next) => {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') setHttpRoute(req.method, route);
  next();
};
