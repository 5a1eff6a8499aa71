import { ProtobufReader, WireType } from './protobuf-reader.js';
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
 * Field numbers from open-telemetry/opentelemetry-proto: collector/trace/v1/trace_service.proto,
 * trace/v1/trace.proto, common/v1/common.proto, resource/v1/resource.proto.
 *
 * In every message a field is read only when both its number and its wire type match the schema; anything else
 * is skipped as an unknown field, as protobuf's own decoders (and so the OpenTelemetry Collector) do. A span whose
 * trace_id arrived with the wrong wire type therefore has no trace id and is rejected by the id check, by name.
 */

type Reader = ProtobufReader;
type Resource = OtlpSpan['resource'];
type Scope = OtlpSpan['scope'];

/**
 * Decodes an OTLP/protobuf `ExportTraceServiceRequest` (or `TracesData`, which has the same layout).
 * @throws {OtlpDecodeError} for bytes that are not a valid message.
 */
export function decodeTracesProtobuf(bytes: Uint8Array): DecodedTraces {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = new ProtobufReader(buf, 'ExportTraceServiceRequest');
  const result: DecodedTraces = { spans: [], rejectedSpans: 0, rejection: undefined };
  let index = 0;
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) {
      readResourceSpans(reader.message(`resourceSpans[${index++}]`), result);
    } else {
      reader.skip(wireType);
    }
  }
  return result;
}

function readResourceSpans(reader: Reader, result: DecodedTraces): void {
  let resource: Resource = { serviceName: serviceNameOf({}), attributes: {} };
  const spans: OtlpSpan[] = [];
  let scopeIndex = 0;
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) {
      resource = readResource(reader.message(`${reader.path}.resource`));
    } else if (field === 2 && wireType === WireType.lengthDelimited) {
      readScopeSpans(reader.message(`${reader.path}.scopeSpans[${scopeIndex++}]`), spans, result);
    } else {
      reader.skip(wireType);
    }
  }
  // The resource may follow the spans on the wire, so it is attached once the message is complete.
  for (const span of spans) {
    span.resource = resource;
    result.spans.push(span);
  }
}

function readResource(reader: Reader): Resource {
  const attributes: Attributes = {};
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited)
      readKeyValue(reader.message(reader.path), attributes);
    else reader.skip(wireType);
  }
  return { serviceName: serviceNameOf(attributes), attributes };
}

function readScopeSpans(reader: Reader, spans: OtlpSpan[], result: DecodedTraces): void {
  let scope: Scope = { name: '', version: undefined };
  const mine: OtlpSpan[] = [];
  let spanIndex = 0;
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) {
      scope = readScope(reader.message(`${reader.path}.scope`));
    } else if (field === 2 && wireType === WireType.lengthDelimited) {
      const span = readSpan(reader.message(`${reader.path}.spans[${spanIndex++}]`));
      const reason = invalidIdsReason(span.traceId, span.spanId, span.parentSpanId);
      if (reason === undefined) mine.push(span);
      else {
        result.rejectedSpans++;
        result.rejection ??= reason;
      }
    } else {
      reader.skip(wireType);
    }
  }
  for (const span of mine) {
    span.scope = scope;
    spans.push(span);
  }
}

function readScope(reader: Reader): Scope {
  const scope: Scope = { name: '', version: undefined };
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) scope.name = reader.string();
    else if (field === 2 && wireType === WireType.lengthDelimited)
      scope.version = reader.string() || undefined;
    else reader.skip(wireType);
  }
  return scope;
}

function newSpan(): OtlpSpan {
  return {
    traceId: '',
    spanId: '',
    parentSpanId: undefined,
    traceState: undefined,
    name: '',
    kind: 0,
    startTimeUnixNano: 0n,
    endTimeUnixNano: 0n,
    attributes: {},
    events: [],
    links: [],
    status: { code: 0, message: undefined },
    resource: { serviceName: '', attributes: {} },
    scope: { name: '', version: undefined },
  };
}

function readSpan(reader: Reader): OtlpSpan {
  const span = newSpan();
  const path = reader.path;
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (wireType === WireType.lengthDelimited) {
      if (field === 1) span.traceId = reader.hex();
      else if (field === 2) span.spanId = reader.hex();
      else if (field === 3) span.traceState = reader.string() || undefined;
      else if (field === 4) span.parentSpanId = normaliseParentId(reader.hex());
      else if (field === 5) span.name = reader.string();
      else if (field === 9) readKeyValue(reader.message(`${path}.attributes`), span.attributes);
      else if (field === 11)
        span.events.push(readEvent(reader.message(`${path}.events[${span.events.length}]`)));
      else if (field === 13) span.links.push(readLink(reader.message(`${path}.links[${span.links.length}]`)));
      else if (field === 15) span.status = readStatus(reader.message(`${path}.status`));
      else reader.skip(wireType);
    } else if (field === 6 && wireType === WireType.varint) span.kind = toSpanKind(reader.uint32());
    else if (field === 7 && wireType === WireType.fixed64) span.startTimeUnixNano = reader.fixed64();
    else if (field === 8 && wireType === WireType.fixed64) span.endTimeUnixNano = reader.fixed64();
    // 10/12/14 dropped counts, 16 flags and future fields: not part of zips' model.
    else reader.skip(wireType);
  }
  return span;
}

function readEvent(reader: Reader): SpanEvent {
  const event: SpanEvent = { name: '', timeUnixNano: 0n, attributes: {} };
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.fixed64) event.timeUnixNano = reader.fixed64();
    else if (field === 2 && wireType === WireType.lengthDelimited) event.name = reader.string();
    else if (field === 3 && wireType === WireType.lengthDelimited) {
      readKeyValue(reader.message(`${reader.path}.attributes`), event.attributes);
    } else reader.skip(wireType);
  }
  return event;
}

function readLink(reader: Reader): SpanLink {
  const link: SpanLink = { traceId: '', spanId: '', attributes: {} };
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) link.traceId = reader.hex();
    else if (field === 2 && wireType === WireType.lengthDelimited) link.spanId = reader.hex();
    else if (field === 4 && wireType === WireType.lengthDelimited) {
      readKeyValue(reader.message(`${reader.path}.attributes`), link.attributes);
    } else reader.skip(wireType);
  }
  return link;
}

function readStatus(reader: Reader): OtlpSpan['status'] {
  const status: OtlpSpan['status'] = { code: 0, message: undefined };
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 2 && wireType === WireType.lengthDelimited) status.message = reader.string() || undefined;
    else if (field === 3 && wireType === WireType.varint) status.code = toStatusCode(reader.uint32());
    else reader.skip(wireType);
  }
  return status;
}

/** Reads one KeyValue message into `into` (OTLP keys are unique; a repeated key keeps the last value). */
function readKeyValue(reader: Reader, into: Attributes): void {
  let key = '';
  let value: AttributeValue = null;
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) key = reader.string();
    else if (field === 2 && wireType === WireType.lengthDelimited)
      value = readAnyValue(reader.message(reader.path));
    else reader.skip(wireType);
  }
  setAttribute(into, key, value);
}

function readAnyValue(reader: Reader): AttributeValue {
  let value: AttributeValue = null;
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited) value = reader.string();
    else if (field === 2 && wireType === WireType.varint) value = reader.bool();
    else if (field === 3 && wireType === WireType.varint) value = reader.int64();
    else if (field === 4 && wireType === WireType.fixed64) value = reader.double();
    else if (field === 5 && wireType === WireType.lengthDelimited)
      value = readArray(reader.message(reader.path));
    else if (field === 6 && wireType === WireType.lengthDelimited)
      value = readKvList(reader.message(reader.path));
    else if (field === 7 && wireType === WireType.lengthDelimited) value = reader.base64();
    else reader.skip(wireType);
  }
  return value;
}

function readArray(reader: Reader): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited)
      values.push(readAnyValue(reader.message(reader.path)));
    else reader.skip(wireType);
  }
  return values;
}

function readKvList(reader: Reader): Attributes {
  const values: Attributes = {};
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    if (field === 1 && wireType === WireType.lengthDelimited)
      readKeyValue(reader.message(reader.path), values);
    else reader.skip(wireType);
  }
  return values;
}
