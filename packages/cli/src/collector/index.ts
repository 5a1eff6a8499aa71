/** Public API of zips' embedded collector (`@zips/cli/collector`). */

export { OtlpDecodeError } from '../otlp/decode-error.js';
export { decodeTracesJson } from '../otlp/decode-json.js';
export { encodeTracesJson, type JsonTracesData } from '../otlp/encode-json.js';
export type { OtlpSpan } from '../otlp/span.js';
export { DEFAULT_MAX_BODY_BYTES, startEmbeddedCollector } from './embedded-collector.js';
export type { ForwardTargetStats } from './forward-queue.js';
export type { ForwardTarget } from './forward-target.js';
export { PortInUseError } from './port-in-use-error.js';
export {
  type AddResult,
  type TraceQuery,
  TraceStore,
  type TraceStoreOptions,
  type TraceStoreStats,
} from './trace-store.js';
export type { EmbeddedCollectorOptions, RunningEmbeddedCollector } from './types.js';
