import { trace } from '@opentelemetry/api';
import type { Request, Response, Router } from 'express';
import type { Dataset } from '../../dataset/load-dataset.js';
import { ZipsAttributes } from '../../tracing/attributes.js';
import type { ZipRecord } from '../../types.js';
import { notFound } from '../http-error.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { paginate } from '../paginate.js';
import { isWholeList, type ListQuery, parseListQuery } from '../parse-list-query.js';
import { parseZip } from '../parse-zip.js';
import { matchesIfNoneMatch, PrecompressedJson } from '../precompressed-json.js';
import { filterZips, findZip } from '../traced-dataset.js';
import { routeSpan } from './route-span.js';

/** `GET /zips` and `GET /zips/:zip`: the JSON API. */
export function addApiRoutes(router: Router, dataset: Dataset): void {
  const wholeList = new PrecompressedJson(() => wholeListJson(dataset.index.all()));

  router
    .route('/zips')
    .get(routeSpan, async (req, res) => {
      const query = parseListQuery(req.query as Record<string, unknown>, dataset.index);
      if (isWholeList(query)) {
        trace.getActiveSpan()?.setAttribute(ZipsAttributes.RESULT_COUNT, dataset.index.size);
        await sendWholeList(req, res, wholeList);
        return;
      }
      sendPage(req, res, dataset, query);
    })
    .all(methodNotAllowed);

  router
    .route('/zips/:zip')
    .get(routeSpan, (req, res) => {
      const zip = parseZip(req.params.zip as string);
      const record = findZip(dataset.index, zip);
      if (record === undefined) {
        throw notFound(`ZIP code ${zip} is not in the dataset; GET /zips?state=NY lists the known ones`);
      }
      res.json(record);
    })
    .all(methodNotAllowed);
}

/** `{"data":[...every record...],"next":null}`, the text `JSON.stringify` gives, one record at a time. */
function* wholeListJson(records: readonly ZipRecord[]): Generator<string> {
  yield '{"data":[';
  for (const [i, record] of records.entries()) yield (i === 0 ? '' : ',') + JSON.stringify(record);
  yield '],"next":null}';
}

async function sendWholeList(req: Request, res: Response, list: PrecompressedJson): Promise<void> {
  res.set({ Vary: 'Accept-Encoding', 'Cache-Control': 'public, max-age=300' });
  if (matchesIfNoneMatch(req.get('If-None-Match'), await list.etags())) {
    res.status(304).end();
    return;
  }
  const representation = await list.negotiate(req.get('Accept-Encoding'));
  res.set({
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(representation.body.length),
    ETag: representation.etag,
  });
  if (representation.encoding) res.set('Content-Encoding', representation.encoding);
  res.end(representation.body);
}

function sendPage(req: Request, res: Response, dataset: Dataset, query: ListQuery): void {
  const matches = filterZips(dataset.index, { state: query.state, city: query.city });
  const page = paginate(matches, query.cursor, query.limit);
  trace.getActiveSpan()?.setAttributes({
    [ZipsAttributes.RESULT_COUNT]: page.records.length,
    ...(query.limit === undefined ? {} : { [ZipsAttributes.PAGE_LIMIT]: query.limit }),
  });
  const next = page.nextCursor === null ? null : nextUrl(req, query, page.nextCursor);
  res.json({ data: page.records, next });
}

function nextUrl(req: Request, query: ListQuery, cursor: string): string {
  const params = new URLSearchParams();
  if (query.state !== undefined) params.set('state', query.state);
  if (query.city !== undefined) params.set('city', query.city);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  params.set('cursor', cursor);
  return `${req.baseUrl}/zips?${params}`;
}
