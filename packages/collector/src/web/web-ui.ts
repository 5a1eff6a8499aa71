import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTraceId, QueryParamError } from '../query/query-params.js';
import type { TraceStore } from '../store/trace-store.js';
import { type ErrorPage, renderErrorPage } from './error-page.js';
import { renderSearchPage } from './search-page.js';
import { parseSearchParams } from './search-params.js';
import { buildSearchViewModel } from './search-view-model.js';
import { loadStaticAssets } from './static-assets.js';
import { SummaryCache } from './summary-cache.js';
import { renderTracePage } from './trace-page.js';
import { buildTraceViewModel } from './trace-view-model.js';
import { WebInputError } from './web-input-error.js';

/** Pages load only their own stylesheet, script and icon; nothing may frame them or post elsewhere. */
export const WEB_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

export interface WebUiDeps {
  store: TraceStore;
  /** @default Date.now */
  now?: () => number;
}

type Answer = { status: number; type: string; body: string | Buffer; headers?: Record<string, string> };

/**
 * The web trace view at Jaeger UI's own paths (`/`, `/search`, `/trace/<id>`), so a trace link works against this
 * collector and against Jaeger alike. Server-rendered from the shared view models; works without JavaScript.
 */
export function createWebUi(deps: WebUiDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => void {
  const assets = loadStaticAssets();
  const cache = new SummaryCache();
  const now = deps.now ?? Date.now;
  const page = (status: number, body: string): Answer => ({ status, type: 'text/html; charset=utf-8', body });
  const route = (url: URL): Answer => {
    const path = url.pathname;
    if (path === '/')
      return { status: 302, type: 'text/plain', body: 'see /search', headers: { location: '/search' } };
    if (path === '/search' || path === '/search/') {
      const request = parseSearchParams(url.searchParams, now());
      return page(200, renderSearchPage(buildSearchViewModel(deps.store, cache, request), request.form));
    }
    if (path.startsWith('/trace/')) return page(200, tracePage(deps.store, path.slice('/trace/'.length)));
    const asset = assets.get(path);
    if (asset !== undefined) return { status: 200, type: asset.type, body: asset.body };
    throw new PageError({
      status: 404,
      title: 'Not Found',
      detail: `There is no page at ${truncate(path)}.`,
      fix: 'The trace view has /search (recent traces) and /trace/<trace id>; the JSON API is under /api/v3/.',
    });
  };
  return (req, res, url) => {
    let answer: Answer;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new PageError(
          {
            status: 405,
            title: 'Method Not Allowed',
            detail: `${truncate(req.method ?? '')} is not allowed on ${truncate(url.pathname)}.`,
            fix: 'The trace view only reads: use GET.',
          },
          { allow: 'GET, HEAD' },
        );
      }
      answer = route(url);
    } catch (error) {
      answer = errorAnswer(error);
    }
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
    res.writeHead(answer.status, {
      ...WEB_SECURITY_HEADERS,
      'content-type': answer.type,
      'content-length': body.length,
      'cache-control': 'no-store',
      ...answer.headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

function tracePage(store: TraceStore, rawId: string): string {
  let traceId: string;
  try {
    traceId = parseTraceId(decodeURIComponentSafe(rawId));
  } catch (error) {
    if (!(error instanceof QueryParamError)) throw error;
    throw new PageError({
      status: 400,
      title: 'Bad Request',
      detail: `“${truncate(rawId)}” is not a trace id: a trace id is 1 to 32 hexadecimal characters.`,
      fix: 'Copy the id from zips lookup or zips traces, or pick a trace on the search page.',
    });
  }
  const spans = store.getTrace(traceId);
  if (spans === undefined) {
    throw new PageError({
      status: 404,
      title: 'Trace Not Found',
      detail: `Trace ${traceId} is not in the embedded collector's store.`,
      fix: `Its spans may not have arrived yet (reload in a second), or it was evicted: the store keeps the newest ${store.maxTraces.toLocaleString('en-US')} traces.`,
    });
  }
  return renderTracePage(buildTraceViewModel(traceId, spans));
}

/** A page-level failure with its status; rendered as an error page. */
class PageError extends Error {
  readonly page: ErrorPage;
  readonly headers: Record<string, string>;

  constructor(page: ErrorPage, headers: Record<string, string> = {}) {
    super(page.detail);
    this.name = 'PageError';
    this.page = page;
    this.headers = headers;
  }
}

function errorAnswer(error: unknown): Answer {
  const page: ErrorPage | undefined =
    error instanceof PageError
      ? error.page
      : error instanceof WebInputError
        ? {
            status: 400,
            title: 'Bad Request',
            detail: `Parameter ${error.param}: ${truncate(error.problem)}.`,
            fix: error.fix,
          }
        : undefined;
  if (page === undefined) throw error;
  return {
    status: page.status,
    type: 'text/html; charset=utf-8',
    body: renderErrorPage(page),
    headers: error instanceof PageError ? error.headers : {},
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // Malformed escapes: the raw text is then not a trace id either, and the 400 page says so.
  }
}

/** Echoed input is shortened, so a 10 kB path does not become a 10 kB page. */
function truncate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
