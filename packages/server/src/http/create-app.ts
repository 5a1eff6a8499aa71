import express, { type Express } from 'express';
import type { Dataset } from '../dataset/load-dataset.js';
import { defaultTemplatesDir } from '../paths.js';
import { errorMiddleware } from './error-middleware.js';
import { notFound, quote } from './http-error.js';
import { createRenderer } from './renderer.js';
import { addApiRoutes } from './routes/api-routes.js';
import { addHealthRoutes } from './routes/health-routes.js';
import { addPageRoutes } from './routes/page-routes.js';
import { securityHeaders } from './security-headers.js';

/** What {@link createApp} needs; everything with a side effect is passed in, so tests build real apps. */
export interface AppDeps {
  /** The loaded dataset (see `loadDataset`). */
  dataset: Dataset;
  /**
   * Folder with `home.njk`, `zip.njk`, `error.njk` and `static/zips.css`.
   * @default `templates/` at the repository root
   */
  templatesDir?: string;
  /**
   * Tells the app the server is shutting down: `/readyz` turns 503 and responses ask clients to close
   * their keep-alive connections.
   * @default () => false
   */
  isDraining?: () => boolean;
}

/** Builds the zips Express app. It does not listen; `main.ts` (or a test) does. */
export function createApp(deps: AppDeps): Express {
  const { dataset, templatesDir = defaultTemplatesDir, isDraining = () => false } = deps;
  const renderer = createRenderer(templatesDir);
  const app = express();
  // ETags are computed only where they pay off (the whole list); hashing every small body costs throughput.
  app.set('etag', false);
  app.set('x-powered-by', false);
  app.set('query parser', 'simple');
  app.use(securityHeaders);
  app.use((_req, res, next) => {
    if (isDraining()) res.set('Connection', 'close');
    next();
  });
  addHealthRoutes(app, dataset, isDraining);
  addApiRoutes(app, dataset);
  addPageRoutes(app, dataset, renderer);
  app.use((req, _res, next) => {
    next(notFound(`nothing at ${quote(req.path, 100)}; try GET / or GET /zips/11215`));
  });
  app.use(errorMiddleware(renderer));
  return app;
}
