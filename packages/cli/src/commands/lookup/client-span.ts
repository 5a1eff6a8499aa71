/**
 * The CLI's own CLIENT span for `zips lookup`, created with the OTel SDK and exported over OTLP/HTTP to the
 * stack's receiver. Its ids are chosen before the request is sent (the `traceparent` goes out while this module
 * is still loading), and the span is created afterwards with the measured start and end times.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  type IdGenerator,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import type { SpanIds } from './span-ids.js';

export interface ClientSpanRecord {
  ids: SpanIds;
  /** Span name, e.g. "GET /zips/:zip". */
  name: string;
  /** Epoch milliseconds (fractional). */
  startTime: number;
  endTime: number;
  attributes: Record<string, string | number | boolean>;
  /** True when the request failed (network error or 5xx). */
  error?: string;
  /** OTLP/HTTP base URL of the receiver, e.g. http://127.0.0.1:4318 */
  endpoint: string;
  serviceVersion: string;
}

/** Exports the span; resolves with undefined on success or the reason it could not be delivered. */
export async function exportClientSpan(record: ClientSpanRecord): Promise<string | undefined> {
  const exporter = new ResultKeepingExporter(
    new OTLPTraceExporter({ url: `${record.endpoint}/v1/traces`, timeoutMillis: 3000 }),
  );
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'zips-cli',
      'service.version': record.serviceVersion,
    }),
    idGenerator: fixedIds(record.ids),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const span = provider
    .getTracer('@zips/cli', record.serviceVersion)
    .startSpan(
      record.name,
      { kind: SpanKind.CLIENT, startTime: record.startTime, attributes: record.attributes },
      ROOT_CONTEXT,
    );
  if (record.error) span.setStatus({ code: SpanStatusCode.ERROR, message: record.error });
  span.end(record.endTime);
  try {
    await provider.forceFlush();
    await provider.shutdown();
  } catch (error) {
    // The SDK rejects a flush whose export failed (with whatever the transport threw): report it, never crash.
    return exporter.failure ?? describe(error);
  }
  return exporter.failure;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fixedIds(ids: SpanIds): IdGenerator {
  return { generateTraceId: () => ids.traceId, generateSpanId: () => ids.spanId };
}

/** Remembers whether the export worked: the SDK's processors only log failures, and we want to report them. */
class ResultKeepingExporter implements SpanExporter {
  failure: string | undefined = 'the span was never exported';
  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.inner.export(spans, (result) => {
      // ExportResultCode.SUCCESS is 0; compared directly to keep @opentelemetry/core out of this import graph.
      this.failure = result.code === 0 ? undefined : result.error ? describe(result.error) : 'export failed';
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
