import type { Attributes, AttributeValue, OtlpSpan } from './span.js';

/** OTLP/JSON shapes as zips writes them (proto field order, default values omitted, like Jaeger's api/v3). */
export interface JsonKeyValue {
  key: string;
  value: JsonAnyValue;
}
export type JsonAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { arrayValue: { values: JsonAnyValue[] } }
  | { kvlistValue: { values: JsonKeyValue[] } }
  | Record<string, never>;
export interface JsonSpan {
  traceId: string;
  spanId: string;
  traceState?: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano?: string;
  endTimeUnixNano?: string;
  attributes?: JsonKeyValue[];
  events?: { timeUnixNano: string; name: string; attributes?: JsonKeyValue[] }[];
  links?: { traceId: string; spanId: string; attributes?: JsonKeyValue[] }[];
  status: { message?: string; code?: number };
}
export interface JsonScopeSpans {
  scope: { name?: string; version?: string };
  spans: JsonSpan[];
}
export interface JsonResourceSpans {
  resource: { attributes?: JsonKeyValue[] };
  scopeSpans: JsonScopeSpans[];
}
export interface JsonTracesData {
  resourceSpans: JsonResourceSpans[];
}

/**
 * Encodes spans as an OTLP/JSON `TracesData`, grouping them by resource and then by instrumentation scope, in the
 * order the spans are given.
 */
export function encodeTracesJson(spans: readonly OtlpSpan[]): JsonTracesData {
  const resources = new Map<string, { json: JsonResourceSpans; scopes: Map<string, JsonScopeSpans> }>();
  const resourceKeys = new Map<OtlpSpan['resource'], string>();
  for (const span of spans) {
    let resourceKey = resourceKeys.get(span.resource);
    if (resourceKey === undefined) {
      // Spans of different batches carry equal but distinct resource objects; merge them by content.
      resourceKey = JSON.stringify(span.resource.attributes);
      resourceKeys.set(span.resource, resourceKey);
    }
    let group = resources.get(resourceKey);
    if (group === undefined) {
      group = {
        json: { resource: encodeResource(span.resource.attributes), scopeSpans: [] },
        scopes: new Map(),
      };
      resources.set(resourceKey, group);
    }
    const scopeKey = `${span.scope.name}\u0000${span.scope.version ?? ''}`;
    let scope = group.scopes.get(scopeKey);
    if (scope === undefined) {
      scope = { scope: encodeScope(span.scope), spans: [] };
      group.scopes.set(scopeKey, scope);
      group.json.scopeSpans.push(scope);
    }
    scope.spans.push(encodeSpan(span));
  }
  return { resourceSpans: [...resources.values()].map((group) => group.json) };
}

function encodeResource(attributes: Attributes): JsonResourceSpans['resource'] {
  const encoded = encodeAttributes(attributes);
  return encoded === undefined ? {} : { attributes: encoded };
}

function encodeScope(scope: OtlpSpan['scope']): JsonScopeSpans['scope'] {
  const json: JsonScopeSpans['scope'] = {};
  if (scope.name !== '') json.name = scope.name;
  if (scope.version !== undefined) json.version = scope.version;
  return json;
}

export function encodeSpan(span: OtlpSpan): JsonSpan {
  const json: JsonSpan = { traceId: span.traceId, spanId: span.spanId } as JsonSpan;
  if (span.traceState !== undefined) json.traceState = span.traceState;
  if (span.parentSpanId !== undefined) json.parentSpanId = span.parentSpanId;
  json.name = span.name;
  json.kind = span.kind;
  // Zero values are left out, as protobuf's JSON mapping (and so Jaeger) does.
  if (span.startTimeUnixNano !== 0n) json.startTimeUnixNano = span.startTimeUnixNano.toString();
  if (span.endTimeUnixNano !== 0n) json.endTimeUnixNano = span.endTimeUnixNano.toString();
  const attributes = encodeAttributes(span.attributes);
  if (attributes !== undefined) json.attributes = attributes;
  if (span.events.length > 0) {
    json.events = span.events.map((event) => {
      const encoded = encodeAttributes(event.attributes);
      const e = { timeUnixNano: event.timeUnixNano.toString(), name: event.name };
      return encoded === undefined ? e : { ...e, attributes: encoded };
    });
  }
  if (span.links.length > 0) {
    json.links = span.links.map((link) => {
      const encoded = encodeAttributes(link.attributes);
      const l = { traceId: link.traceId, spanId: link.spanId };
      return encoded === undefined ? l : { ...l, attributes: encoded };
    });
  }
  json.status = {};
  if (span.status.message !== undefined) json.status.message = span.status.message;
  if (span.status.code !== 0) json.status.code = span.status.code;
  return json;
}

function encodeAttributes(attributes: Attributes): JsonKeyValue[] | undefined {
  const keys = Object.keys(attributes);
  if (keys.length === 0) return undefined;
  return keys.map((key) => ({ key, value: encodeAnyValue(attributes[key] ?? null) }));
}

export function encodeAnyValue(value: AttributeValue): JsonAnyValue {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    // Like the OTel JS SDK: integral numbers are int64 (written as strings), others doubles.
    if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return { intValue: BigInt(value).toString() };
    return { doubleValue: Number.isFinite(value) ? value : String(value) };
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(encodeAnyValue) } };
  return { kvlistValue: { values: encodeAttributes(value) ?? [] } };
}
