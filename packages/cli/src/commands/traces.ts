/**
 * `zips traces [traceId]`: one trace as a waterfall or OTLP JSON; recent traces as plain lines or NDJSON; the live
 * Ink dashboard on a terminal. Ink and React are imported only when the dashboard is drawn.
 */
import { ExitCode, ZipsError } from '../errors.js';
import { TraceFeed } from '../traces/feed/trace-feed.js';
import { JaegerQueryClient } from '../traces/query/query-client.js';
import { resolveTraceSource, type TraceSource } from '../traces/query/resolve-endpoint.js';
import { formatWaterfallText } from '../traces/text/format-waterfall-text.js';
import { printRecent, printSettled } from '../traces/text/print-trace-lines.js';
import {
  normalizeTraceId,
  planTraces,
  type TracesOptions,
  type TracesPlan,
} from '../traces/traces-options.js';

export type { TracesOptions } from '../traces/traces-options.js';

/** Poll interval of the plain follow mode; with the 1 s settle time a trace prints about 1–1.5 s after it ends. */
const followPollMs = 500;

/**
 * Runs `zips traces`. With a trace id: that trace (text waterfall, or OTLP JSON with `--json`). Otherwise the live
 * dashboard on a TTY, else the recent traces as plain lines or NDJSON, following unless `--once`.
 * @throws {UsageError} for a malformed flag or trace id; {StackNotRunningError} when no query API answers;
 *   {ZipsError} (exit code 3) when the trace id is unknown.
 */
export async function traces(traceId: string | undefined, options: TracesOptions): Promise<void> {
  const plan = planTraces(options, Date.now());
  const id = traceId === undefined ? undefined : normalizeTraceId(traceId);
  const source = await resolveTraceSource(options.endpoint);
  const client = new JaegerQueryClient(source.url);
  if (id !== undefined) return showTrace(client, source, id, options.json === true);
  const feed = new TraceFeed(client, {
    lookbackMs: plan.lookbackMs,
    service: options.service,
    durationMinMs: plan.durationMinMs,
    tracesPerPoll: Math.max(500, (plan.limit ?? 20) * 2),
  });
  const interactive = process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (interactive && !options.once && !options.json) {
    // In the dashboard --limit bounds the buffer; in the plain modes only how much history is printed.
    if (plan.limit !== undefined) feed.assembler.maxTraces = plan.limit;
    const { renderDashboard } = await import('../traces/components/render-dashboard.js');
    return renderDashboard(feed, source.label, plan.filter);
  }
  return printLines(feed, source, plan, options);
}

async function showTrace(
  client: JaegerQueryClient,
  source: TraceSource,
  id: string,
  json: boolean,
): Promise<void> {
  const trace = await client.getTrace(id);
  if (!trace || trace.spans.length === 0) {
    throw new ZipsError(`Trace ${id} was not found at ${source.label}.`, {
      hint: 'Traces are kept only for a while; list the recent ones with `zips traces --once`.',
      exitCode: ExitCode.notFound,
    });
  }
  if (json) {
    // The OTLP TracesData as the store returned it, without the api/v3 envelope, so other OTLP tools can read it.
    const body = trace.body as { result?: unknown };
    process.stdout.write(`${JSON.stringify(body.result ?? body, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${formatWaterfallText(id, trace.spans, { width: process.stdout.columns || 100 })}\n`);
}

async function printLines(
  feed: TraceFeed,
  source: TraceSource,
  plan: TracesPlan,
  options: TracesOptions,
): Promise<void> {
  const print = { json: options.json === true, filter: plan.filter, out: process.stdout };
  const printed = await printRecent(feed, plan.limit ?? 20, print);
  if (printed === 0) {
    const why = feed.health.services.length === 0 ? 'no service has sent traces' : 'no matching traces';
    process.stderr.write(
      `zips traces: ${why} at ${source.label} yet. Try \`zips lookup 11215\` or \`zips doctor\`.\n`,
    );
  }
  if (options.once) return;
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // `zips traces --json | head -3` closes the pipe: stop quietly instead of failing on EPIPE.
  process.stdout.once('error', stop);
  let warned = false;
  try {
    await printSettled(feed, followPollMs, controller.signal, {
      ...print,
      onPollError: (error) => {
        if (!(error instanceof ZipsError)) throw error;
        if (!warned) process.stderr.write(`zips traces: ${error.message} Retrying…\n`);
        warned = true;
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.stdout.off('error', stop);
  }
}
