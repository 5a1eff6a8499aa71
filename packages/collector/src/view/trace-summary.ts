import type { OtlpSpan } from '../otlp/span.js';
import { httpMethod, httpPath, httpRoute, httpStatus, nanosToMs } from './span-attributes.js';
import type { AssembledTrace } from './trace-assembler.js';

/** One row of the trace list, and one NDJSON line: everything a view needs, nothing it must compute. */
export interface TraceSummary {
  traceId: string;
  /** Root operation, `GET /zips/:zip` when the root is an HTTP server span with `http.route`. */
  root: string;
  route: string | undefined;
  /** HTTP status of the root (or the first server span that has one). */
  status: number | undefined;
  error: boolean;
  /** Epoch milliseconds of the earliest span start. */
  startMs: number;
  durationMs: number;
  spanCount: number;
  services: string[];
  complete: boolean;
  /** The root span never arrived: the summary is built from the earliest orphan. */
  missingRoot: boolean;
  healthCheck: boolean;
}

const healthPath = /^\/(healthz?|livez|readyz|ready|live|ping|metrics)(\/|$)/;

/** Root span: a span without parent; else the earliest span whose parent is not in the trace. */
export function findRoot(spans: readonly OtlpSpan[]): { span: OtlpSpan | undefined; missing: boolean } {
  const ids = new Set(spans.map((span) => span.spanId));
  let root: OtlpSpan | undefined;
  let orphan: OtlpSpan | undefined;
  for (const span of spans) {
    if (span.parentSpanId === undefined) {
      if (!root || span.startTimeUnixNano < root.startTimeUnixNano) root = span;
    } else if (!ids.has(span.parentSpanId)) {
      if (!orphan || span.startTimeUnixNano < orphan.startTimeUnixNano) orphan = span;
    }
  }
  return root ? { span: root, missing: false } : { span: orphan ?? spans[0], missing: true };
}

/** `GET /zips/:zip` from method + route; falls back to the span name. */
export function operationLabel(span: OtlpSpan): string {
  const method = httpMethod(span);
  const route = httpRoute(span);
  if (method && route) return `${method} ${route}`;
  return span.name || '(unnamed span)';
}

/** Summarises a trace: an assembled one, or a stored one (`complete` as the caller judges it). */
export function summarizeTrace(
  trace: Pick<AssembledTrace, 'traceId' | 'complete'> & { spans: readonly OtlpSpan[] },
): TraceSummary {
  const { spans } = trace;
  const { span: root, missing } = findRoot(spans);
  let start = root?.startTimeUnixNano ?? 0n;
  let end = root?.endTimeUnixNano ?? 0n;
  const services = new Set<string>();
  let error = false;
  for (const span of spans) {
    if (span.startTimeUnixNano < start) start = span.startTimeUnixNano;
    if (span.endTimeUnixNano > end) end = span.endTimeUnixNano;
    services.add(span.resource.serviceName);
    if (span.status.code === 2) error = true;
  }
  const status = root ? (httpStatus(root) ?? firstServerStatus(spans)) : undefined;
  if (status !== undefined && status >= 500) error = true;
  const path = root ? (httpRoute(root) ?? httpPath(root)) : undefined;
  return {
    traceId: trace.traceId,
    root: root ? operationLabel(root) : '(no spans)',
    route: root ? httpRoute(root) : undefined,
    status,
    error,
    startMs: nanosToMs(start),
    durationMs: end > start ? nanosToMs(end - start) : 0,
    spanCount: spans.length,
    services: [...services].sort(),
    complete: trace.complete,
    missingRoot: missing,
    healthCheck: path !== undefined && healthPath.test(path),
  };
}

function firstServerStatus(spans: readonly OtlpSpan[]): number | undefined {
  for (const span of spans) {
    const status = span.kind === 2 ? httpStatus(span) : undefined;
    if (status !== undefined) return status;
  }
  return undefined;
}
