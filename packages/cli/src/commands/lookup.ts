/**
 * `zips lookup <zip>`: ask the running stack (or `--url`) for a ZIP code, carrying a `traceparent` from a CLIENT
 * span the CLI exports itself (from a short background process, so the answer is not held up by the OTel SDK),
 * so one trace spans the CLI and the server. Prints the place and the trace link.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, StackNotRunningError, UsageError, ZipsError } from '../errors.js';
import { createReporter } from '../output/reporter.js';
import { paint } from '../output/style.js';
import { type GetResult, httpGet } from '../process/http-get.js';
import { findProjectRoot, logDirFor } from '../state/paths.js';
import type { RecordedStackState } from '../state/stack-state.js';
import { readStackState } from '../state/state-file.js';
import { version } from '../version.js';
import { parseZipArg } from './lookup/parse-zip-arg.js';
import { type Place, renderPlace } from './lookup/render-place.js';
import { newSpanIds, traceparent } from './lookup/span-ids.js';
import { traceLink } from './lookup/trace-link.js';
import type { LookupOptions } from './options.js';

export async function lookup(zipArg: string, options: LookupOptions): Promise<void> {
  const zip = parseZipArg(zipArg);
  const root = findProjectRoot();
  const state = await readStackState(root);
  const base = appUrl(options.url, state);
  const otlp = options.trace ? (state?.urls.otlpHttp ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT) : undefined;
  const ids = newSpanIds();
  const url = new URL(`/zips/${zip}`, base);
  const startTime = performance.timeOrigin + performance.now();
  const outcome = await request(
    url,
    options.trace ? { traceparent: traceparent(ids) } : {},
    state,
    options.url,
  );
  const endTime = performance.timeOrigin + performance.now();
  const trace = options.trace
    ? { traceId: ids.traceId, url: otlp ? traceLink(state, ids.traceId) : undefined }
    : undefined;
  try {
    const place = resultOrThrow(zip, outcome);
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...place, ...(trace ? { trace } : {}) }, null, 2)}\n`);
    } else {
      process.stdout.write(renderPlace(place));
      if (trace) printTrace(trace.traceId, trace.url, otlp);
    }
  } finally {
    // After the answer is out (also for a 404): the spawn and the module it needs are not on the user's clock.
    if (otlp) {
      const { exportInBackground } = await import('./lookup/export-in-background.js');
      exportInBackground(
        {
          ids,
          name: 'GET /zips/:zip',
          startTime,
          endTime,
          endpoint: otlp.replace(/\/$/, ''),
          serviceVersion: version(),
          error: outcome.status >= 500 ? `HTTP ${outcome.status}` : undefined,
          attributes: {
            'http.request.method': 'GET',
            'url.full': url.href,
            'server.address': url.hostname,
            'server.port': Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
            'http.response.status_code': outcome.status,
            'zips.zip': zip,
          },
        },
        // Without a stack here (e.g. --url), do not create .zips/ in whatever directory the user is in.
        state ? (state.logDir ?? logDirFor(root)) : join(tmpdir(), 'zips'),
      );
    }
  }
}

function appUrl(url: string | undefined, state: RecordedStackState | undefined): string {
  if (url) {
    if (!URL.canParse(url))
      throw new UsageError(`--url "${url}" is not a URL.`, 'Use e.g. --url http://localhost:5000.');
    return url;
  }
  if (!state)
    throw new StackNotRunningError(
      'The zips stack is not running (nothing recorded for this project).',
      'Run `zips up`, or pass --url to query another zips server.',
    );
  return state.urls.app;
}

interface Outcome {
  status: number;
  body: unknown;
}

async function request(
  url: URL,
  headers: Record<string, string>,
  state: RecordedStackState | undefined,
  explicitUrl: string | undefined,
): Promise<Outcome> {
  let response: GetResult;
  try {
    response = await httpGet(url, { accept: 'application/json', ...headers }, 10_000);
  } catch (error) {
    const where = explicitUrl ? `the zips server at ${url.origin}` : `the zips stack at ${url.origin}`;
    throw new StackNotRunningError(
      `Cannot reach ${where} (${describeFetchError(error)}).`,
      explicitUrl || !state
        ? 'Check the URL, or start a local stack with `zips up`.'
        : 'Run `zips up` (or `zips status` to see what is wrong).',
    );
  }
  const text = response.text;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): keep the text for the error message.
  }
  return { status: response.status, body };
}

function resultOrThrow(zip: string, outcome: Outcome): Place {
  const detail = problemDetail(outcome.body);
  if (outcome.status === 200 && isPlace(outcome.body)) return outcome.body;
  if (outcome.status === 404)
    throw new NotFoundError(
      `ZIP code ${zip} is not in the dataset.`,
      'Check the digits; the dataset covers US ZIP codes.',
    );
  if (outcome.status === 400)
    throw new UsageError(
      `The server rejected "${zip}"${detail ? `: ${detail}` : ''}.`,
      'Pass a 5-digit US ZIP code.',
    );
  throw new ZipsError(`The server answered HTTP ${outcome.status}${detail ? `: ${detail}` : ''}.`, {
    hint: 'See `zips logs server` for what went wrong.',
  });
}

function isPlace(body: unknown): body is Place {
  return typeof body === 'object' && body !== null && 'zip' in body && 'city' in body;
}

function problemDetail(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const value = record.detail ?? record.message ?? record.title;
  return typeof value === 'string' ? value : undefined;
}

function describeFetchError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code) return code;
  return error instanceof Error ? error.message : String(error);
}

function printTrace(traceId: string, url: string | undefined, otlp: string | undefined): void {
  process.stdout.write(`  ${paint('dim', 'Trace'.padEnd(13))}${traceId}\n`);
  if (url) process.stdout.write(`  ${paint('dim', 'Trace link'.padEnd(13))}${url}\n`);
  if (otlp) process.stdout.write(`  ${paint('dim', 'More'.padEnd(13))}zips traces ${traceId}\n`);
  else
    createReporter().warn(
      'no OTLP endpoint known (no running stack, no OTEL_EXPORTER_OTLP_ENDPOINT): the CLI span was not exported.',
    );
}
