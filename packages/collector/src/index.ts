/** Public API of zips' embedded collector (`@zips/collector`); the process entry is `@zips/collector/main`. */

export { DEFAULT_MAX_BODY_BYTES, startEmbeddedCollector } from './embedded-collector.js';
export type { ForwardTargetStats } from './forward/forward-queue.js';
export type { ForwardTarget } from './forward/forward-target.js';
export { formatForward } from './main-args.js';
export { OtlpDecodeError } from './otlp/decode-error.js';
export { decodeTracesJson } from './otlp/decode-json.js';
export { decodeTracesProtobuf } from './otlp/decode-protobuf.js';
export { encodeTracesJson, type JsonTracesData } from './otlp/encode-json.js';
export type { Attributes, AttributeValue, OtlpSpan, SpanKind, StatusCode } from './otlp/span.js';
export { PortInUseError } from './port-in-use-error.js';
export { rawTraceServiceDefinition } from './receive/grpc-receiver.js';
export {
  type AddResult,
  type TraceQuery,
  TraceStore,
  type TraceStoreOptions,
  type TraceStoreStats,
} from './store/trace-store.js';
export type { EmbeddedCollectorOptions, RunningEmbeddedCollector } from './types.js';
