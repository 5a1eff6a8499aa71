import type { EmptyStateViewModel } from '../view/empty-state.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import type { SearchForm } from './search-params.js';
import type { SearchRow, SearchViewModel } from './search-view-model.js';

const LOOKBACKS: [string, string][] = [
  ['5m', 'Last 5 minutes'],
  ['15m', 'Last 15 minutes'],
  ['1h', 'Last hour'],
  ['2h', 'Last 2 hours'],
  ['6h', 'Last 6 hours'],
  ['12h', 'Last 12 hours'],
  ['1d', 'Last day'],
  ['2d', 'Last 2 days'],
  ['7d', 'Last 7 days'],
];

/** `/search`: the filter form, per-route stats over the window, and the matching traces, newest first. */
export function renderSearchPage(model: SearchViewModel, form: SearchForm): string {
  return renderPage({
    title: 'Search',
    script: true,
    main: html`<h1>Recent traces</h1>
${searchForm(form, model.services)}
<section id="results" aria-labelledby="results-heading" data-live-region>
<h2 id="results-heading">${resultsHeading(model)}</h2>
${model.empty ? emptyState(model.empty) : tracesTable(model.rows)}
${model.routes.length > 0 ? routeStats(model) : ''}
</section>`,
  });
}

/** The form as the search page and a 400 page show it. */
export function searchForm(form: SearchForm, services: readonly string[]): SafeHtml {
  const serviceOptions = [...new Set([...services, ...(form.service ? [form.service] : [])])];
  const lookbacks = LOOKBACKS.some(([value]) => value === form.lookback)
    ? LOOKBACKS
    : [...LOOKBACKS, [form.lookback, form.lookback] as [string, string]];
  return html`<form class="search" method="get" action="/search" aria-label="Filter traces">
<div class="field"><label for="service">Service</label>
<select id="service" name="service"><option value="">All services</option>${serviceOptions.map(
    (name) => html`<option${name === form.service ? html` selected` : ''}>${name}</option>`,
  )}</select></div>
<div class="field"><label for="operation">Operation or route contains</label>
<input id="operation" name="operation" value="${form.operation}" placeholder="/zips/:zip"></div>
<div class="field"><label for="minDuration">Min duration</label>
<input id="minDuration" name="minDuration" value="${form.minDuration}" placeholder="e.g. 10ms" size="8"></div>
<div class="field"><label for="maxDuration">Max duration</label>
<input id="maxDuration" name="maxDuration" value="${form.maxDuration}" placeholder="e.g. 1.2s" size="8"></div>
<div class="field"><label for="lookback">Lookback</label>
<select id="lookback" name="lookback">${lookbacks.map(
    ([value, label]) =>
      html`<option value="${value}"${value === form.lookback ? html` selected` : ''}>${label}</option>`,
  )}</select></div>
<div class="field"><label for="limit">Limit</label>
<input id="limit" name="limit" value="${form.limit}" inputmode="numeric" size="5"></div>
<div class="checks">
<label><input type="checkbox" name="errors" value="1"${form.errors ? html` checked` : ''}> Errors only</label>
<label><input type="checkbox" name="health" value="1"${form.health ? html` checked` : ''}> Show health checks</label>
</div>
<div class="actions"><button type="submit">Find traces</button></div>
</form>`;
}

function resultsHeading(model: SearchViewModel): string {
  if (model.matched === 0) return 'No traces';
  const shown =
    model.rows.length < model.matched ? `${model.rows.length} of ${model.matched}` : model.matched;
  return `${shown} trace${model.matched === 1 ? '' : 's'}, newest first`;
}

function emptyState(empty: EmptyStateViewModel): SafeHtml {
  return html`<div class="empty" role="status">
<p class="empty-title">${empty.title}</p>
${empty.reasons.length > 0 ? html`<ul>${empty.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>` : ''}
<p>Try:</p>
<ul class="suggestions">${empty.suggestions.map((suggestion) =>
    /^zips /.test(suggestion) ? html`<li><code>${suggestion}</code></li>` : html`<li>${suggestion}</li>`,
  )}</ul>
</div>`;
}

function tracesTable(rows: readonly SearchRow[]): SafeHtml {
  return html`<div class="table-scroll"><table class="traces">
<caption class="visually-hidden">Traces, newest first</caption>
<thead><tr><th scope="col">Started</th><th scope="col">Root operation</th><th scope="col">Status</th><th scope="col" class="num">Duration</th><th scope="col" class="num">Spans</th><th scope="col">Services</th></tr></thead>
<tbody>${rows.map(traceRow)}</tbody>
</table></div>`;
}

function traceRow(row: SearchRow): SafeHtml {
  const flags = [row.error ? 'error' : '', row.missingRoot ? 'root span missing' : ''].filter(Boolean);
  return html`<tr class="${row.error ? 'is-error' : ''}" data-trace-id="${row.traceId}">
<td><time datetime="${row.isoTime}">${row.time}</time></td>
<th scope="row"><a href="/trace/${row.traceId}">${row.root}</a>${flags.map((flag) => html` <span class="flag">${flag}</span>`)}</th>
<td>${row.status}</td><td class="num">${row.duration}</td><td class="num">${row.spans}</td><td>${row.services}</td>
</tr>`;
}

function routeStats(model: SearchViewModel): SafeHtml {
  const cells = (s: {
    count: number;
    rate: string;
    errorRate: string;
    p50: string;
    p95: string;
    p99: string;
  }) =>
    html`<td class="num">${s.count}</td><td class="num">${s.rate}</td><td class="num">${s.errorRate}</td><td class="num">${s.p50}</td><td class="num">${s.p95}</td><td class="num">${s.p99}</td>`;
  return html`<h2 id="stats-heading">Per route, ${model.window}</h2>
<div class="table-scroll"><table class="stats" aria-labelledby="stats-heading">
<thead><tr><th scope="col">Route</th><th scope="col" class="num">Traces</th><th scope="col" class="num">Rate</th><th scope="col" class="num">Errors</th><th scope="col" class="num">p50</th><th scope="col" class="num">p95</th><th scope="col" class="num">p99</th></tr></thead>
<tbody>${model.routes.map((route) => html`<tr><th scope="row">${route.route}</th>${cells(route)}</tr>`)}</tbody>
<tfoot><tr><th scope="row">All shown</th>${cells(model.overall)}</tr></tfoot>
</table></div>`;
}
