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
  while (!reader.atEnd) {
    const { field, wireType } = reader.tag();
    switch (field) {
      case 1:
        reader.expect(WireType.lengthDelimited, wireType, 'trace_id');
        span.traceId = reader.hex();
        break;
      case 2:
        reader.expect(WireType.lengthDelimited, wireType, 'span_id');
        span.spanId = reader.hex();
        break;
      case 3:
        reader.expect(WireType.lengthDelimited, wireType, 'trace_state');
        span.traceState = reader.string() || undefined;
        break;
      case 4:
        reader.expect(WireType.lengthDelimited, wireType, 'parent_span_id');
        span.parentSpanId = normaliseParentId(reader.hex());
        break;
      case 5:
        reader.expect(WireType.lengthDelimited, wireType, 'name');
        span.name = reader.string();
        break;
      case 6:
        reader.expect(WireType.varint, wireType, 'kind');
        span.kind = toSpanKind(reader.uint32());
        break;
      case 7:
        reader.expect(WireType.fixed64, wireType, 'start_time_unix_nano');
        span.startTimeUnixNano = reader.fixed64();
        break;
      case 8:
        reader.expect(WireType.fixed64, wireType, 'end_time_unix_nano');
        span.endTimeUnixNano = reader.fixed64();
        break;
      case 9:
        reader.expect(WireType.lengthDelimited, wireType, 'attributes');
        readKeyValue(reader.message(`${reader.path}.attributes`), span.attributes);
        break;
      case 11:
        reader.expect(WireType.lengthDelimited, wireType, 'events');
        span.events.push(readEvent(reader.message(`${reader.path}.events[${span.events.length}]`)));
        break;
      case 13:
        reader.expect(WireType.lengthDelimited, wireType, 'links');
        span.links.push(readLink(reader.message(`${reader.path}.links[${span.links.length}]`)));
        break;
      case 15:
        reader.expect(WireType.lengthDelimited, wireType, 'status');
        span.status = readStatus(reader.message(`${reader.path}.status`));
        break;
      default:
        // 10/12/14 dropped counts, 16 flags and future fields: not part of zips' model.
        reader.skip(wireType);
    }
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
