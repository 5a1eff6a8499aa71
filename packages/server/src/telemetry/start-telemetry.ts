import { setGlobalErrorHandler } from '@opentelemetry/core';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import {
  defaultResource,
  envDetector,
  hostDetector,
  processDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ZipsHttpServerInstrumentation } from './http-server-instrumentation.js';
import { isUntracedRequest } from './ignored-paths.js';
import { createReportOnceHandler } from './report-errors-once.js';
import { createTraceExporter } from './trace-exporter.js';

/** The running SDK and what the bootstrap needs to stop it. */
export interface Telemetry {
  /** Exports every finished span, then stops the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for zips. Everything else comes from the standard `OTEL_*` variables, which the SDK reads:
 * exporter and protocol, endpoint, headers, sampler, batch settings. zips only chooses what is cheap:
 * - one instrumentation: zips' own HTTP server spans (`http-server-instrumentation.ts`, a lean stand-in for
 *   `@opentelemetry/instrumentation-http`); Express is named by zips' `http.route` middleware and its `zips.*`
 *   spans, not one span per Express layer; no outgoing-request spans; health checks untraced; the stock
 *   instrumentations the user named in `OTEL_NODE_ENABLED_INSTRUMENTATIONS` come in `stock`, beside it;
 * - resource detectors env, host and process only (cloud detectors would call metadata addresses);
 * - no metrics or logs pipelines: zips exports traces;
 * - a shorter default export timeout (see `trace-exporter.ts`), so shutdown stays quick without a collector.
 */
export function startTelemetry(stock: readonly Instrumentation[] = []): Telemetry {
  const errors = createReportOnceHandler((line) => console.error(line));
  setGlobalErrorHandler(errors.handle);
  const traceExporter = createTraceExporter(process.env);
  const sdk = new NodeSDK({
    // Batch settings still come from OTEL_BSP_*; undefined leaves exporter choice to OTEL_TRACES_EXPORTER.
    ...(traceExporter === undefined ? {} : { traceExporter }),
    // `OTEL_SERVICE_NAME` / `OTEL_RESOURCE_ATTRIBUTES` (env detector) override this default.
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': 'zips' })),
    resourceDetectors: [processDetector, hostDetector, envDetector],
    instrumentations: [new ZipsHttpServerInstrumentation({ ignoreRequest: isUntracedRequest }), ...stock],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return {
    async shutdown() {
      try {
        await sdk.shutdown();
      } catch (error) {
        // Already reported once by the error handler when it is the same trouble; this says what it cost.
        console.error(
          `zips telemetry: spans still queued at exit could not be exported: ${messageOf(error)}`,
        );
      } finally {
        const repeats = errors.suppressed();
        if (repeats > 0) console.error(`zips telemetry: ${repeats} repeated export errors were not logged`);
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
