// A minimal OTLP/HTTP sink run as its own process: accepts POST <prefix>/v1/{traces,metrics,logs}, answers 200,
// and counts requests, bytes and spans per prefix so the bench can tell which variant sent what.
// GET /stats returns the counters. Prints {"port":N} on stdout once listening.
// Bodies are only decoded when /stats is asked for, so the sink costs next to no CPU while a server is under load.
import { createServer } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { SPAN_KIND_SERVER, spanSummaries } from './lib/otlp-count.js';

/** Counters per path prefix (one prefix per variant). */
const stats = new Map();

function statsFor(prefix) {
  let entry = stats.get(prefix);
  if (!entry) {
    entry = { requests: 0, bytes: 0, spans: 0, serverSpans: 0, names: {}, errors: 0, signals: {} };
    stats.set(prefix, entry);
  }
  return entry;
}

/** Trace bodies received and not decoded yet. */
let pending = [];

function record(req, body) {
  const match = /^(.*)\/v1\/(traces|metrics|logs)$/.exec(req.url ?? '');
  const entry = statsFor(match?.[1] || '/');
  entry.requests += 1;
  entry.bytes += body.length;
  const signal = match?.[2] ?? 'other';
  entry.signals[signal] = (entry.signals[signal] ?? 0) + 1;
  if (signal === 'traces')
    pending.push({
      entry,
      body,
      encoding: req.headers['content-encoding'],
      type: req.headers['content-type'] ?? '',
    });
}

function decodePending() {
  for (const { entry, body, encoding, type } of pending) {
    try {
      const raw = encoding === 'gzip' ? gunzipSync(body) : body;
      for (const { name, kind } of spanSummaries(raw, type)) {
        entry.spans += 1;
        if (kind === SPAN_KIND_SERVER) entry.serverSpans += 1;
        entry.names[name] = (entry.names[name] ?? 0) + 1;
      }
    } catch (error) {
      // A body we cannot decode is a finding for the report, not a reason to fail the exporter.
      entry.errors += 1;
      entry.lastError = String(error);
    }
  }
  pending = [];
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    decodePending();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(Object.fromEntries(stats)));
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    record(req, Buffer.concat(chunks));
    const json = (req.headers['content-type'] ?? '').includes('json');
    res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
    res.end(json ? '{}' : '');
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
process.on('disconnect', () => server.close());
