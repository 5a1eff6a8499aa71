import { type Attributes, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR_HTTP_ROUTE } from './attributes.js';

// A proxy tracer: it is a no-op until the telemetry bootstrap (if preloaded) registers a provider.
const tracer = trace.getTracer('@zips/server');

/**
 * Runs `work` inside an internal span named `name`. The span is not made active: zips' internal steps have
 * no children, and skipping the context switch keeps the traced path cheap. `work` may add attributes that
 * depend on its result.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span) => T): T {
  const span = tracer.startSpan(name, { attributes });
  try {
    return work(span);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Names the active HTTP server span after the matched route (`GET /zips/:zip`) and sets `http.route`,
 * through the API only, so it works with whichever HTTP instrumentation the bootstrap loads.
 */
export function setHttpRoute(method: string, route: string): void {
  const span = trace.getActiveSpan();
  if (span === undefined) return;
  span.setAttribute(ATTR_HTTP_ROUTE, route);
  span.updateName(`${method} ${route}`);
}
