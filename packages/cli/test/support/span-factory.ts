import type { Attributes, OtlpSpan, StatusCode } from '@zips/collector';

/** Epoch of the synthetic traces: 2026-01-02T03:04:05.000Z. */
export const t0Ms = Date.UTC(2026, 0, 2, 3, 4, 5);

export interface SpanSpec {
  trace: number;
  span: number;
  parent?: number;
  name?: string;
  startMs: number;
  durationMs: number;
  service?: string;
  attributes?: Attributes;
  status?: StatusCode;
}

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** A span built the way the OTLP decoder builds them, with readable ids (trace 1 → 000…01). */
export function makeSpan(spec: SpanSpec): OtlpSpan {
  const start = BigInt(Math.round((t0Ms + spec.startMs) * 1000)) * 1000n;
  const service = spec.service ?? 'zips-server';
  return {
    traceId: hex(spec.trace, 32),
    spanId: hex(spec.span, 16),
    parentSpanId: spec.parent === undefined ? undefined : hex(spec.parent, 16),
    traceState: undefined,
    name: spec.name ?? 'span',
    kind: spec.parent === undefined ? 2 : 1,
    startTimeUnixNano: start,
    endTimeUnixNano: start + BigInt(Math.round(spec.durationMs * 1000)) * 1000n,
    attributes: spec.attributes ?? {},
    events: [],
    links: [],
    status: { code: spec.status ?? 0, message: undefined },
    resource: { serviceName: service, attributes: { 'service.name': service } },
    scope: { name: 'test', version: undefined },
  };
}

/** An HTTP request trace: server span with route and status, plus a child lookup span. */
export function httpTrace(
  trace: number,
  startMs: number,
  durationMs: number,
  route: string,
  status: number,
): OtlpSpan[] {
  return [
    makeSpan({
      trace,
      span: trace * 10 + 1,
      name: `GET ${route}`,
      startMs,
      durationMs,
      attributes: {
        'http.request.method': 'GET',
        'http.route': route,
        'url.path': route,
        'http.response.status_code': status,
      },
      status: status >= 500 ? 2 : 0,
    }),
    makeSpan({
      trace,
      span: trace * 10 + 2,
      parent: trace * 10 + 1,
      name: 'zips.lookup',
      startMs: startMs + durationMs * 0.25,
      durationMs: durationMs * 0.5,
      attributes: { 'zips.zip': '11215' },
    }),
  ];
}
