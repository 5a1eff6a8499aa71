import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { ZipsAttributes, ZipsSpans } from '../tracing/attributes.js';
import { inSpan } from '../tracing/tracer.js';
import { zipLinkItems } from './template-filters.js';

/** The page templates zips renders; all are checked to load when the renderer is created. */
export const TEMPLATES = ['home.njk', 'zip.njk', 'error.njk'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

/** Renders zips' HTML pages. */
export interface Renderer {
  render(name: TemplateName, context: Record<string, unknown>): string;
  /** The page stylesheet, read once. */
  readonly stylesheet: Buffer;
}

/** Thrown when the templates directory is missing or a template does not compile. */
export class TemplatesError extends Error {
  override name = 'TemplatesError';
}

/**
 * A nunjucks environment over `dir` with autoescaping on, so every value from a request or the dataset is
 * HTML-escaped unless a template says otherwise. Templates are compiled up front: a broken template fails
 * the start, not the first request.
 */
export function createRenderer(dir: string): Renderer {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addFilter('zip_link_items', zipLinkItems);
  let stylesheet: Buffer;
  try {
    for (const name of TEMPLATES) env.getTemplate(name, true);
    stylesheet = readFileSync(join(dir, 'static', 'zips.css'));
  } catch (error) {
    throw new TemplatesError(
      `cannot load the page templates from ${dir}: ${(error as Error).message}; set ZIPS_TEMPLATES_DIR to the repository's templates/ folder`,
      { cause: error },
    );
  }
  return {
    stylesheet,
    render: (name, context) =>
      inSpan(ZipsSpans.RENDER, { [ZipsAttributes.TEMPLATE]: name }, () => env.render(name, context)),
  };
}
