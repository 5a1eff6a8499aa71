import type { Router } from 'express';
import type { Dataset } from '../../dataset/load-dataset.js';
import { methodNotAllowed } from '../method-not-allowed.js';

/** `GET /healthz` (the process answers) and `GET /readyz` (data loaded and not draining). Never traced. */
export function addHealthRoutes(router: Router, dataset: Dataset, isDraining: () => boolean): void {
  router
    .route('/healthz')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed);

  router
    .route('/readyz')
    .get((_req, res) => {
      if (isDraining()) {
        res.status(503).json({ status: 'draining', detail: 'the server is shutting down' });
        return;
      }
      res.json({ status: 'ready', records: dataset.index.size });
    })
    .all(methodNotAllowed);
}
