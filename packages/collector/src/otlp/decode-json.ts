import { OtlpDecodeError } from './decode-error.js';
import {
  asObject,
  expectString,
  type Json,
  optionalArray,
  optionalObject,
  optionalString,
  pick,
  readDouble,
  readEnum,
  readId,
  readInt64,
  readUint64,
} from './json-fields.js';
import type { Attributes, AttributeValue, OtlpSpan, SpanEvent, SpanLink } from './span.js';
import {
  type DecodedTraces,
  invalidIdsReason,
  normaliseParentId,
  serviceNameOf,
  setAttribute,
  toSpanKind,
  toStatusCode,
} from './span-validation.js';

/*
 * OTLP/JSON as the OTLP spec defines it: protobuf's JSON mapping with lowerCamelCase keys (the original snake_case
 * names are accepted too, as protobuf JSON parsers must), hex trace/span ids (case-insensitive), 64-bit integers as
 * strings or numbers, enums as integers (names accepted), bytes as base64. Unknown fields are ignored.
 */

const SPAN_KINDS: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODES: Record<string, number> = {
  STATUS_CODE_UNSET: 0,
  STATUS_CODE_OK: 1,
  STATUS_CODE_ERROR: 2,
};

/**
 * Decodes an OTLP/JSON `TracesData` / `ExportTraceServiceRequest` (a parsed JSON value) into spans. Also accepts
 * the Jaeger api/v3 envelope `{"result": TracesData}`. Spans with invalid ids are skipped.
 * @throws {OtlpDecodeError} when the value is not OTLP/JSON traces (wrong types, malformed numbers).
 */
export function decodeTracesJson(body: unknown): OtlpSpan[] {
  const root = asObject(body, '');
  const envelope = root.result;
  const data =
    root.resourceSpans === undefined && envelope !== undefined ? asObject(envelope, 'result') : root;
  return decodeTracesJsonRequest(data).spans;
}

/** Like {@link decodeTracesJson}, also counting the spans it rejected (for the OTLP partial_success). */
export function decodeTracesJsonRequest(body: unknown): DecodedTraces {
  const root = asObject(body, '');
  const result: DecodedTraces = { spans: [], rejectedSpans: 0, rejection: undefined };
  // A body without resourceSpans (e.g. a logs or metrics request) carries no spans: not an error, as in the Collector.
  const resourceSpans = optionalArray(pick(root, 'resourceSpans', 'resource_spans'), 'resourceSpans');
  resourceSpans.forEach((item, i) => {
    readResourceSpans(asObject(item, `resourceSpans[${i}]`), `resourceSpans[${i}]`, result);
  });
  return result;
}

/** Parses OTLP/JSON request text. @throws {OtlpDecodeError} for text that is not JSON. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError('', `body is not valid JSON (${(error as Error).message})`);
  }
}

function readResourceSpans(json: Json, path: string, result: DecodedTraces): void {
  const resourceJson = optionalObject(json.resource, `${path}.resource`);
  const attributes = readAttributes(resourceJson?.attributes, `${path}.resource.attributes`);
  const resource = { serviceName: serviceNameOf(attributes), attributes };
  const scopeSpans = optionalArray(pick(json, 'scopeSpans', 'scope_spans'), `${path}.scopeSpans`);
  scopeSpans.forEach((item, i) => {
    const scopePath = `${path}.scopeSpans[${i}]`;
    const scopeJson = asObject(item, scopePath);
    const scope = readScope(optionalObject(scopeJson.scope, `${scopePath}.scope`), `${scopePath}.scope`);
    optionalArray(scopeJson.spans, `${scopePath}.spans`).forEach((spanJson, j) => {
      const span = readSpan(asObject(spanJson, `${scopePath}.spans[${j}]`), `${scopePath}.spans[${j}]`);
      const reason = invalidIdsReason(span.traceId, span.spanId, span.parentSpanId);
      if (reason !== undefined) {
        result.rejectedSpans++;
        result.rejection ??= reason;
        return;
      }
      span.resource = resource;
      span.scope = scope;
      result.spans.push(span);
    });
  });
}

function readScope(json: Json | undefined, path: string): OtlpSpan['scope'] {
  return {
    name: optionalString(json?.name, `${path}.name`) ?? '',
    version: optionalString(json?.version, `${path}.version`) || undefined,
  };
}

function readSpan(json: Json, path: string): OtlpSpan {
  const status = optionalObject(json.status, `${path}.status`);
  return {
    traceId: readId(pick(json, 'traceId', 'trace_id'), `${path}.traceId`),
    spanId: readId(pick(json, 'spanId', 'span_id'), `${path}.spanId`),
    parentSpanId: normaliseParentId(
      readId(pick(json, 'parentSpanId', 'parent_span_id'), `${path}.parentSpanId`),
    ),
    traceState: optionalString(pick(json, 'traceState', 'trace_state'), `${path}.traceState`) || undefined,
    name: optionalString(json.name, `${path}.name`) ?? '',
    kind: toSpanKind(readEnum(json.kind, SPAN_KINDS, `${path}.kind`)),
    startTimeUnixNano: readUint64(
      pick(json, 'startTimeUnixNano', 'start_time_unix_nano'),
      `${path}.startTimeUnixNano`,
    ),
    endTimeUnixNano: readUint64(
      pick(json, 'endTimeUnixNano', 'end_time_unix_nano'),
      `${path}.endTimeUnixNano`,
    ),
    attributes: readAttributes(json.attributes, `${path}.attributes`),
    events: optionalArray(json.events, `${path}.events`).map((e, i) => readEvent(e, `${path}.events[${i}]`)),
    links: optionalArray(json.links, `${path}.links`).map((l, i) => readLink(l, `${path}.links[${i}]`)),
    status: {
      code: toStatusCode(readEnum(status?.code, STATUS_CODES, `${path}.status.code`)),
      message: optionalString(status?.message, `${path}.status.message`) || undefined,
    },
    // Filled in by the caller, which shares one resource and scope object between the spans of a batch.
    resource: { serviceName: '', attributes: {} },
    scope: { name: '', version: undefined },
  };
}

function readEvent(value: unknown, path: string): SpanEvent {
  const json = asObject(value, path);
  return {
    name: optionalString(json.name, `${path}.name`) ?? '',
    timeUnixNano: readUint64(pick(json, 'timeUnixNano', 'time_unix_nano'), `${path}.timeUnixNano`),
    attributes: readAttributes(json.attributes, `${path}.attributes`),
  };
}

function readLink(value: unknown, path: string): SpanLink {
  const json = asObject(value, path);
  return {
    traceId: readId(pick(json, 'traceId', 'trace_id'), `${path}.traceId`),
    spanId: readId(pick(json, 'spanId', 'span_id'), `${path}.spanId`),
    attributes: readAttributes(json.attributes, `${path}.attributes`),
  };
}

function readAttributes(value: unknown, path: string): Attributes {
  const attributes: Attributes = {};
  optionalArray(value, path).forEach((item, i) => {
    const kv = asObject(item, `${path}[${i}]`);
    const key = optionalString(kv.key, `${path}[${i}].key`) ?? '';
    setAttribute(attributes, key, readAnyValue(kv.value, `${path}[${i}].value`));
  });
  return attributes;
}

function readAnyValue(value: unknown, path: string): AttributeValue {
  if (value === undefined || value === null) return null;
  const json = asObject(value, path);
  const s = pick(json, 'stringValue', 'string_value');
  if (s !== undefined) return expectString(s, `${path}.stringValue`);
  const b = pick(json, 'boolValue', 'bool_value');
  if (b !== undefined) {
    if (typeof b !== 'boolean') throw new OtlpDecodeError(`${path}.boolValue`, 'expected true or false');
    return b;
  }
  const i = pick(json, 'intValue', 'int_value');
  if (i !== undefined) return readInt64(i, `${path}.intValue`);
  const d = pick(json, 'doubleValue', 'double_value');
  if (d !== undefined) return readDouble(d, `${path}.doubleValue`);
  const a = pick(json, 'arrayValue', 'array_value');
  if (a !== undefined) {
    const values = optionalArray(asObject(a, `${path}.arrayValue`).values, `${path}.arrayValue.values`);
    return values.map((v, k) => readAnyValue(v, `${path}.arrayValue.values[${k}]`));
  }
  const kv = pick(json, 'kvlistValue', 'kvlist_value');
  if (kv !== undefined)
    return readAttributes(asObject(kv, `${path}.kvlistValue`).values, `${path}.kvlistValue.values`);
  const bytes = pick(json, 'bytesValue', 'bytes_value');
  if (bytes !== undefined) return expectString(bytes, `${path}.bytesValue`);
  return null;
}
