import { html } from './html.js';
import { renderPage } from './page-layout.js';

export interface ErrorPage {
  status: number;
  title: string;
  /** What was wrong, naming the input. */
  detail: string;
  /** What to do instead. */
  fix: string;
}

/** A 4xx page: what was wrong, what to do, and the way back. */
export function renderErrorPage(page: ErrorPage): string {
  return renderPage({
    title: `${page.status} ${page.title}`,
    main: html`<h1 class="error">${page.status} ${page.title}</h1>
<p class="detail">${page.detail}</p>
<p>${page.fix}</p>
<p><a href="/search">Search recent traces</a></p>`,
  });
}
