// Counts spans (and their names) in an OTLP trace export body, JSON or protobuf, without a schema compiler:
// the sink must stay cheap and independent of the code it measures.

/** @param {Uint8Array} buf @param {number} pos @returns {[number, number]} value and next position */
function readVarint(buf, pos) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error('truncated varint');
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** Yields [fieldNumber, value] for varint (a number) and length-delimited (bytes) fields, skipping fixed ones. */
function* fields(buf) {
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const wireType = key % 8;
    const field = Math.floor(key / 8);
    pos = afterKey;
    if (wireType === 0) {
      const [value, next] = readVarint(buf, pos);
      pos = next;
      yield [field, value];
    } else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    else if (wireType === 2) {
      const [len, start] = readVarint(buf, pos);
      pos = start + len;
      yield [field, buf.subarray(start, pos)];
    } else throw new Error(`unsupported wire type ${wireType}`);
  }
}

const decoder = new TextDecoder();

/** @param {Uint8Array} buf @param {number} wanted yields the length-delimited fields numbered `wanted` */
function* children(buf, wanted) {
  for (const [field, value] of fields(buf)) if (field === wanted && typeof value !== 'number') yield value;
}

/** TracesData.resource_spans(1) → ResourceSpans.scope_spans(2) → ScopeSpans.spans(2) → Span.name(5), kind(6). */
function protobufSpans(buf) {
  const spans = [];
  for (const resourceSpans of children(buf, 1))
    for (const scopeSpans of children(resourceSpans, 2))
      for (const span of children(scopeSpans, 2)) {
        const summary = { name: '', kind: 0 };
        for (const [field, value] of fields(span)) {
          if (field === 5 && typeof value !== 'number') summary.name = decoder.decode(value);
          else if (field === 6 && typeof value === 'number') summary.kind = value;
        }
        spans.push(summary);
      }
  return spans;
}

function jsonSpans(buf) {
  const body = JSON.parse(decoder.decode(buf));
  const spans = [];
  for (const rs of body.resourceSpans ?? [])
    for (const ss of rs.scopeSpans ?? [])
      for (const span of ss.spans ?? []) spans.push({ name: span.name ?? '', kind: Number(span.kind ?? 0) });
  return spans;
}

/** OTLP SpanKind value of a server span. */
export const SPAN_KIND_SERVER = 2;

/**
 * Name and kind of every span in one export body (already decompressed).
 * @param {Uint8Array} buf
 * @param {string} contentType
 * @returns {{ name: string, kind: number }[]}
 */
export function spanSummaries(buf, contentType) {
  return contentType.includes('json') ? jsonSpans(buf) : protobufSpans(buf);
}
