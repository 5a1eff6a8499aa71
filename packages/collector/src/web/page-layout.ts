import { html, type SafeHtml } from './html.js';

export interface PageOptions {
  title: string;
  main: SafeHtml;
  /** Loads the progressive script (auto-refresh, opening a linked span). @default false */
  script?: boolean;
}

/** The page shell every web view page shares: landmarks, the stylesheet, and the nav back to the search. */
export function renderPage(options: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · zips traces</title>
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/trace-view.css">
${options.script ? html`<script src="/static/trace-view.js" defer></script>` : ''}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/search">zips traces</a>
  <span class="tagline">the embedded collector's trace view</span>
  <nav aria-label="Site"><a href="/search">Search</a> <a href="/api/v3/services">JSON API</a></nav>
</header>
<main id="main">
${options.main}
</main>
<footer>Served by zips' embedded collector. The same paths open Jaeger UI in the Docker runtime.</footer>
</body>
</html>
`.text;
}
