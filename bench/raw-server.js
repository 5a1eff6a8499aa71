// Variant (a), the ceiling: node:http + a Map over the same data/zips.json, no framework, no telemetry.
// It does per request what any JSON API must (look up, JSON.stringify, write) and nothing more.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const dataPath = process.env.ZIPS_DATA_FILE ?? new URL('../data/zips.json', import.meta.url).pathname;

/** Accepts the dataset as an array, `{data: [...]}` or `{records: [...]}`; each record carries `zip`. */
function loadRecords(path) {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  const records = Array.isArray(doc) ? doc : (doc.data ?? doc.records ?? Object.values(doc));
  return new Map(records.map((r) => [String(r.zip), r]));
}

const byZip = loadRecords(dataPath);
const ZIP = /^\d{5}$/;

const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => escapes[c]);

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function json(res, status, value) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

function html(res, status, record, zip) {
  const body = record
    ? `<!doctype html><title>${escapeHtml(zip)}</title><h1>${escapeHtml(zip)}: ${escapeHtml(record.city)}, ${escapeHtml(record.state)}</h1><p>${escapeHtml(record.county)} (${record.latitude}, ${record.longitude})</p>`
    : `<!doctype html><title>Not found</title><h1>${escapeHtml(zip)} not found</h1>`;
  send(res, status, 'text/html; charset=utf-8', body);
}

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/readyz' || path === '/healthz') return json(res, 200, { status: 'ok' });
  const api = path.startsWith('/zips/');
  let zip;
  try {
    zip = decodeURIComponent(api ? path.slice(6) : path.slice(1));
  } catch {
    zip = '';
  }
  if (!ZIP.test(zip))
    return api ? json(res, 400, { error: 'zip must be 5 digits' }) : html(res, 400, null, zip);
  const record = byZip.get(zip);
  if (api) return record ? json(res, 200, record) : json(res, 404, { error: `zip ${zip} not found` });
  return html(res, record ? 200 : 404, record, zip);
});

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
