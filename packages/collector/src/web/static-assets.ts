import { readFileSync } from 'node:fs';

export interface StaticAsset {
  type: string;
  body: Buffer;
}

/** The web view's stylesheet, script and icon, read once from the package's `static/` folder. */
export function loadStaticAssets(): ReadonlyMap<string, StaticAsset> {
  // dist/src/web/ → the package root.
  const dir = new URL('../../../static/', import.meta.url);
  const read = (name: string, type: string): [string, StaticAsset] => [
    `/static/${name}`,
    { type, body: readFileSync(new URL(name, dir)) },
  ];
  return new Map([
    read('trace-view.css', 'text/css; charset=utf-8'),
    read('trace-view.js', 'text/javascript; charset=utf-8'),
    read('favicon.svg', 'image/svg+xml'),
  ]);
}
