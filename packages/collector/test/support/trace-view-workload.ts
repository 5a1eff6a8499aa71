/**
 * Traces for the web trace view's tests, made by the real OTel SDK and exported over OTLP/HTTP to a collector:
 * a three-level request, a health check, and a failing request whose attributes carry HTML payloads.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export const SCRIPT_PAYLOAD = '<script>alert(1)</script>';
export const ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>';

export interface WorkloadIds {
  /** GET /zips/:zip → zips.lookup → dataset.read, 50 ms. */
  request: string;
  /** GET /healthz, 1 ms. */
  health: string;
  /** GET /boom answering 500, 5 ms, started last. */
  failure: string;
}

export async function sendWorkload(otlpHttpUrl: string, startMs = Date.now() - 1_000): Promise<WorkloadIds> {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'zips', 'zips.test': ATTRIBUTE_PAYLOAD }),
    spanProcessors: [
      new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${otlpHttpUrl}/v1/traces` }) }),
    ],
  });
  const tracer = provider.getTracer('trace-view-test');
  const at = (ms: number) => startMs + ms;
  const server = (name: string, route: string, status: number, start: number) =>
    tracer.startSpan(name, {
      kind: SpanKind.SERVER,
      startTime: at(start),
      attributes: {
        'http.request.method': 'GET',
        'http.route': route,
        'url.path': route.replace(':zip', '11215'),
        'http.response.status_code': status,
      },
    });
  const root = server('GET /zips/:zip', '/zips/:zip', 200, 0);
  const lookup = tracer.startSpan(
    'zips.lookup',
    { startTime: at(10) },
    trace.setSpan(context.active(), root),
  );
  const read = tracer.startSpan(
    'dataset.read',
    { startTime: at(12) },
    trace.setSpan(context.active(), lookup),
  );
  read.end(at(20));
  lookup.addEvent('cache miss', { 'zips.zip': '11215' }, at(11));
  lookup.end(at(30));
  root.end(at(50));
  const health = server('GET /healthz', '/healthz', 200, 100);
  health.end(at(101));
  const failure = server('GET /boom', '/boom', 500, 200);
  failure.setAttribute('zips.payload', SCRIPT_PAYLOAD);
  failure.setStatus({ code: SpanStatusCode.ERROR, message: ATTRIBUTE_PAYLOAD });
  failure.end(at(205));
  await provider.forceFlush();
  await provider.shutdown();
  return {
    request: root.spanContext().traceId,
    health: health.spanContext().traceId,
    failure: failure.spanContext().traceId,
  };
}
