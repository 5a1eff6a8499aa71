import { formatDuration } from '../view/format-duration.js';
import type { AttributeLine } from '../view/span-detail.js';
import { html, type SafeHtml } from './html.js';
import { renderPage } from './page-layout.js';
import type { TraceViewModel, WaterfallBar } from './trace-view-model.js';

/** Indentation stops growing here (the stylesheet has a class per depth up to it), so deep traces stay readable. */
const MAX_INDENT = 16;

/** `/trace/<id>`: summary, service legend, the waterfall, and every span's detail. */
export function renderTracePage(model: TraceViewModel): string {
  const { summary } = model;
  return renderPage({
    title: `${summary.root} · trace ${summary.traceId}`,
    script: true,
    main: html`<p class="crumbs"><a href="/search">Search</a> › trace</p>
<h1>${summary.root}</h1>
<dl class="facts">
<div><dt>Trace</dt><dd><code>${summary.traceId}</code></dd></div>
<div><dt>Started</dt><dd>${model.started}</dd></div>
<div><dt>Duration</dt><dd>${model.duration}</dd></div>
<div><dt>Spans</dt><dd>${summary.spanCount}</dd></div>
<div><dt>Status</dt><dd>${summary.status ?? '—'}${summary.error ? html` <span class="flag">error</span>` : ''}${summary.missingRoot ? html` <span class="flag">root span missing</span>` : ''}</dd></div>
<div><dt>As OTLP JSON</dt><dd><a href="/api/v3/traces/${summary.traceId}">/api/v3/traces/${summary.traceId}</a></dd></div>
</dl>
<ul class="legend" aria-label="Services">${model.services.map(
      (service) =>
        html`<li><span class="swatch svc-${service.colour}" aria-hidden="true"></span>${service.name}</li>`,
    )}</ul>
<section aria-labelledby="waterfall-heading">
<h2 id="waterfall-heading">Waterfall</h2>
<div class="table-scroll"><table class="waterfall">
<thead><tr><th scope="col">Operation</th><th scope="col" class="service-col">Service</th><th scope="col" class="num">Duration</th>
<th scope="col" class="timeline"><span class="visually-hidden">Timeline</span><span class="ticks" aria-hidden="true">${model.ticks.map((tick) => html`<span>${tick}</span>`)}</span></th></tr></thead>
<tbody>${model.bars.map(waterfallRow)}</tbody>
</table></div>
</section>
<section aria-labelledby="spans-heading">
<h2 id="spans-heading">Spans</h2>
${model.bars.map(spanDetail)}
</section>`,
  });
}

function waterfallRow(bar: WaterfallBar): SafeHtml {
  const indent = Math.min(bar.depth, MAX_INDENT);
  const mark = bar.error
    ? html` <span class="flag">error</span>`
    : bar.missingParent
      ? html` <span class="flag">parent missing</span>`
      : '';
  return html`<tr data-span-id="${bar.spanId}" data-depth="${bar.depth}" data-parent-span-id="${bar.parentSpanId ?? ''}"${bar.error ? html` class="is-error"` : ''}>
<th scope="row" class="op depth-${indent}"><a href="#span-${bar.spanId}">${bar.label}</a>${mark}<span class="service-inline"> · ${bar.service}</span></th>
<td class="service-col"><span class="swatch svc-${bar.colour}" aria-hidden="true"></span>${bar.service}</td>
<td class="num">${bar.duration}</td>
<td class="timeline"><svg class="bar" viewBox="0 0 1000 10" preserveAspectRatio="none" role="img" aria-label="from +${formatDuration(bar.detail.offsetMs)} for ${bar.duration}"><rect class="svc-${bar.colour}" x="${bar.x}" y="1" width="${bar.width}" height="8"></rect></svg></td>
</tr>`;
}

function spanDetail(bar: WaterfallBar): SafeHtml {
  const span = bar.detail;
  return html`<details class="span" id="span-${span.spanId}">
<summary><span class="swatch svc-${bar.colour}" aria-hidden="true"></span>${bar.label} <span class="muted">· ${bar.service} · ${bar.duration}</span>${bar.error ? html` <span class="flag">error</span>` : ''}</summary>
<dl class="facts">
<div><dt>Name</dt><dd>${span.name}</dd></div>
<div><dt>Kind</dt><dd>${span.kind}</dd></div>
<div><dt>Span</dt><dd><code>${span.spanId}</code></dd></div>
<div><dt>Parent</dt><dd>${span.parentSpanId ? html`<code>${span.parentSpanId}</code>${span.missingParent ? ' (not in this trace)' : ''}` : '— (root)'}</dd></div>
<div><dt>Starts</dt><dd>+${formatDuration(span.offsetMs)}</dd></div>
<div><dt>Status</dt><dd>${span.status}${span.statusMessage ? `: ${span.statusMessage}` : ''}</dd></div>
<div><dt>Scope</dt><dd>${span.scope || '—'}</dd></div>
</dl>
${attributeTable('Attributes', span.attributes)}
${
  span.events.length === 0
    ? ''
    : html`<h3>Events</h3><div class="table-scroll"><table class="kv">
<thead><tr><th scope="col">At</th><th scope="col">Event</th><th scope="col">Attributes</th></tr></thead>
<tbody>${span.events.map((event) => html`<tr><td>+${formatDuration(event.offsetMs)}</td><th scope="row">${event.name}</th><td>${pairs(event.attributes)}</td></tr>`)}</tbody></table></div>`
}
${span.links.length === 0 ? '' : html`<h3>Links</h3><ul class="links">${span.links.map((link) => html`<li><a href="/trace/${link.traceId}#span-${link.spanId}"><code>${link.traceId}</code> / <code>${link.spanId}</code></a> ${pairs(link.attributes)}</li>`)}</ul>`}
${attributeTable('Resource', span.resource)}
</details>`;
}

function attributeTable(title: string, lines: readonly AttributeLine[]): SafeHtml | '' {
  if (lines.length === 0) return '';
  return html`<h3>${title}</h3><div class="table-scroll"><table class="kv">
<thead><tr><th scope="col">Key</th><th scope="col">Value</th></tr></thead>
<tbody>${lines.map(([key, value]) => html`<tr><th scope="row"><code>${key}</code></th><td>${value}</td></tr>`)}</tbody></table></div>`;
}

function pairs(lines: readonly AttributeLine[]): SafeHtml {
  return html`${lines.map(([key, value], i) => html`${i > 0 ? ' ' : ''}<code>${key}</code>=${value}`)}`;
}
