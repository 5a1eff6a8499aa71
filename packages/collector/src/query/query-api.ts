import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendJson } from '../http-error.js';
import { encodeTracesJson } from '../otlp/encode-json.js';
import type { OtlpSpan } from '../otlp/span.js';
import type { TraceStore } from '../store/trace-store.js';
import { createWebUi } from '../web/web-ui.js';
import { checkGetTraceParams, parseFindTracesQuery, parseTraceId, QueryParamError } from './query-params.js';

export interface QueryApiDeps {
  store: TraceStore;
  log: (line: string) => void;
  /** Merged into `GET /api/zips/stats` (e.g. forwarding counters). */
  extraStats?: () => Record<string, unknown>;
  /** Clock of the web view's lookback window. @default Date.now */
  now?: () => number;
}

type Route = (url: URL) => unknown;

/**
 * The part of Jaeger's api/v3 HTTP gateway that zips uses, over the embedded store, with Jaeger's envelopes:
 * `{"result": TracesData}`, `{"services": [...]}`, and errors as `{"error": {"httpCode", "message"}}`.
 * Plus `GET /api/zips/stats` (store counters) and `GET /healthz`. Every other path belongs to the web trace view
 * (HTML, at Jaeger UI's paths).
 */
export function createQueryApi(deps: QueryApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { store } = deps;
  const routes: Record<string, Route> = {
    '/api/v3/services': () => ({ services: store.services() }),
    '/api/v3/operations': (url) => ({
      operations: store.operations(
        url.searchParams.get('service') ?? undefined,
        url.searchParams.get('span_kind') ?? url.searchParams.get('spanKind') ?? undefined,
      ),
    }),
    '/api/v3/traces': (url) => tracesResult(store.findTraces(parseFindTracesQuery(url.searchParams))),
    '/api/zips/stats': () => ({ ...store.stats(), ...deps.extraStats?.() }),
    '/healthz': () => ({ status: 'ok' }),
  };
  const web = createWebUi({ store, now: deps.now });
  return (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = routes[url.pathname] ?? traceRoute(url.pathname, store);
      if (route === undefined && !isApiPath(url.pathname)) {
        web(req, res, url);
        return;
      }
      if (route === undefined) throw new HttpError(404, `no such path ${url.pathname}`);
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, `method ${req.method} is not allowed on ${url.pathname}; use GET`, {
          allow: 'GET',
        });
      }
      sendJson(res, 200, route(url));
    } catch (error) {
      sendError(res, error, deps.log);
    }
  };
}

/** Paths that answer JSON even when unknown: the APIs' namespace. */
function isApiPath(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

/** `GET /api/v3/traces/{trace_id}`. */
function traceRoute(pathname: string, store: TraceStore): Route | undefined {
  const prefix = '/api/v3/traces/';
  if (!pathname.startsWith(prefix) || pathname.length === prefix.length) return undefined;
  return (url) => {
    const traceId = parseTraceId(pathname.slice(prefix.length));
    checkGetTraceParams(url.searchParams);
    const trace = store.getTrace(traceId);
    if (trace === undefined) throw new HttpError(404, 'trace not found');
    return tracesResult([trace]);
  };
}

function tracesResult(traces: OtlpSpan[][]): unknown {
  // Jaeger's gateway answers 404 when a search finds nothing.
  if (traces.length === 0) throw new HttpError(404, 'No traces found');
  return { result: encodeTracesJson(traces.flat()) };
}

function sendError(res: ServerResponse, error: unknown, log: (line: string) => void): void {
  let status = 500;
  let message = 'internal error in the zips query API';
  let headers: Record<string, string> = {};
  if (error instanceof HttpError) {
    status = error.status;
    message = error.message;
    headers = error.headers;
  } else if (error instanceof QueryParamError) {
    status = 400;
    message = error.message;
  } else {
    log(`query api: internal error: ${(error as Error).stack ?? String(error)}`);
  }
  sendJson(res, status, { error: { httpCode: status, message } }, headers);
}
