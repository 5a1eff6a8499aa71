import type { Router } from 'express';
import type { Dataset } from '../../dataset/load-dataset.js';
import { badRequest, notFound } from '../http-error.js';
import { methodNotAllowed } from '../method-not-allowed.js';
import { parseZip } from '../parse-zip.js';
import type { Renderer } from '../renderer.js';
import { findZipWithNeighbours } from '../traced-dataset.js';
import { routeSpan } from './route-span.js';

const EXAMPLES = ['11215', '00501', '90210', '60614', '88001'];
const MAX_NEIGHBOURS = 24;

/** `GET /`, `GET /lookup`, `GET /static/zips.css`, `GET /favicon.ico` and `GET /:zip`: the HTML side. */
export function addPageRoutes(router: Router, dataset: Dataset, renderer: Renderer): void {
  const { index, source, counts } = dataset;
  const examples = EXAMPLES.map((zip) => index.get(zip)).filter((record) => record !== undefined);

  router
    .route('/')
    .get(routeSpan, (_req, res) => {
      res
        .type('html')
        .send(
          renderer.render('home.njk', { count: counts.records.toLocaleString('en-US'), examples, source }),
        );
    })
    .all(methodNotAllowed);

  // The search form submits here; a plain redirect keeps the form working without JavaScript.
  router
    .route('/lookup')
    .get(routeSpan, (req, res) => {
      const raw = req.query.zip;
      if (typeof raw !== 'string') throw badRequest('enter a ZIP code of 5 digits, like 11215', 'zip');
      res.redirect(303, `/${parseZip(raw.trim())}`);
    })
    .all(methodNotAllowed);

  router
    .route('/static/zips.css')
    .get((_req, res) => {
      res.set({ 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
      res.end(renderer.stylesheet);
    })
    .all(methodNotAllowed);

  // Browsers ask for it on pages without an icon link (the JSON views); "no icon" beats a 400 for "favicon.ico".
  router
    .route('/favicon.ico')
    .get((_req, res) => {
      res.set('Cache-Control', 'public, max-age=86400').status(204).end();
    })
    .all(methodNotAllowed);

  router
    .route('/:zip')
    .get(routeSpan, (req, res) => {
      const zip = parseZip(req.params.zip as string);
      const page = findZipWithNeighbours(index, zip, MAX_NEIGHBOURS);
      if (page === undefined) throw notFound(`ZIP code ${zip} is not in the dataset`);
      res.type('html').send(renderer.render('zip.njk', { record: page.record, neighbours: page.neighbours }));
    })
    .all(methodNotAllowed);
}
