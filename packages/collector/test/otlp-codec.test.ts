import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OtlpDecodeError } from '../src/otlp/decode-error.js';
import { decodeTracesJson, decodeTracesJsonRequest } from '../src/otlp/decode-json.js';
import { decodeTracesProtobuf } from '../src/otlp/decode-protobuf.js';
import { encodeTracesJson } from '../src/otlp/encode-json.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

/* A tiny protobuf writer, for bytes no OTel SDK produces (huge ints, unknown fields, odd field order). */
const varint = (value: bigint): Buffer => {
  const bytes: number[] = [];
  let v = BigInt.asUintN(64, value);
  while (v > 0x7fn) {
    bytes.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  bytes.push(Number(v));
  return Buffer.from(bytes);
};
const tag = (field: number, wire: number) => varint(BigInt((field << 3) | wire));
const ld = (field: number, ...parts: Buffer[]) => {
  const payload = Buffer.concat(parts);
  return Buffer.concat([tag(field, 2), varint(BigInt(payload.length)), payload]);
};
const str = (field: number, s: string) => ld(field, Buffer.from(s));
const int = (field: number, n: bigint) => Buffer.concat([tag(field, 0), varint(n)]);
const fixed64 = (field: number, n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return Buffer.concat([tag(field, 1), b]);
};
/** A KeyValue as field 9 (Span.attributes) or another field (1 = Resource.attributes). */
const kv = (key: string, anyValue: Buffer, field = 9) => ld(field, str(1, key), ld(2, anyValue));

function jsonRequest(span: Record<string, unknown>, resource: unknown = {}): unknown {
  return {
    resourceSpans: [
      {
        resource,
        scopeSpans: [{ scope: { name: 's' }, spans: [{ traceId: TRACE, spanId: SPAN, ...span }] }],
      },
    ],
  };
}

describe('decodeTracesJson', () => {
  test('every AnyValue form, int64 as string or number, big ints kept exact as strings', () => {
    const value = (v: unknown) => v;
    const [span] = decodeTracesJson(
      jsonRequest({
        attributes: [
          { key: 's', value: value({ stringValue: 'x' }) },
          { key: 'b', value: { boolValue: false } },
          { key: 'i', value: { intValue: '-5' } },
          { key: 'n', value: { intValue: 7 } },
          { key: 'big', value: { intValue: '9223372036854775222' } },
          { key: 'd', value: { doubleValue: 1.5 } },
          { key: 'nan', value: { doubleValue: 'NaN' } },
          { key: 'a', value: { arrayValue: { values: [{ stringValue: 'x' }, { intValue: '1' }] } } },
          { key: 'kv', value: { kvlistValue: { values: [{ key: 'k', value: { boolValue: true } }] } } },
          { key: 'bytes', value: { bytesValue: 'AAAwOQ==' } },
          { key: 'empty', value: {} },
          { key: '__proto__', value: { stringValue: 'not a prototype' } },
        ],
      }),
    );
    assert.ok(span);
    assert.equal(Object.getPrototypeOf(span.attributes), Object.prototype);
    assert.deepEqual(Object.entries(span.attributes), [
      ['s', 'x'],
      ['b', false],
      ['i', -5],
      ['n', 7],
      ['big', '9223372036854775222'],
      ['d', 1.5],
      ['nan', Number.NaN],
      ['a', ['x', 1]],
      ['kv', { k: true }],
      ['bytes', 'AAAwOQ=='],
      ['empty', null],
      ['__proto__', 'not a prototype'],
    ]);
  });

  test('snake_case keys, enum names, numeric timestamps, upper-case ids, an all-zero parent is a root', () => {
    const [span] = decodeTracesJson({
      resource_spans: [
        {
          scope_spans: [
            {
              spans: [
                {
                  trace_id: TRACE.toUpperCase(),
                  span_id: SPAN.toUpperCase(),
                  parent_span_id: '0000000000000000',
                  kind: 'SPAN_KIND_CLIENT',
                  start_time_unix_nano: 1_700_000_000_000,
                  end_time_unix_nano: '1700000000000000001',
                  status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
                },
              ],
            },
          ],
        },
      ],
    });
    assert.equal(span?.traceId, TRACE);
    assert.equal(span?.spanId, SPAN);
    assert.equal(span?.parentSpanId, undefined);
    assert.equal(span?.kind, 3);
    assert.equal(span?.startTimeUnixNano, 1_700_000_000_000n);
    assert.equal(span?.endTimeUnixNano, 1_700_000_000_000_000_001n);
    assert.deepEqual(span?.status, { code: 2, message: 'boom' });
    assert.equal(span?.resource.serviceName, 'unknown_service');
  });

  test('accepts the api/v3 {"result": TracesData} envelope', () => {
    assert.equal(decodeTracesJson({ result: jsonRequest({}) }).length, 1);
  });

  const bad: [string, unknown, RegExp][] = [
    ['not an object', 'text', /expected a JSON object, got the string "text"/],
    ['resourceSpans not an array', { resourceSpans: {} }, /^resourceSpans: expected a JSON array/],
    [
      'a negative timestamp',
      jsonRequest({ startTimeUnixNano: -1 }),
      /spans\[0\]\.startTimeUnixNano: expected an unsigned/,
    ],
    [
      'a fractional int',
      jsonRequest({ attributes: [{ key: 'k', value: { intValue: 1.5 } }] }),
      /intValue: expected a 64-bit integer/,
    ],
    [
      'an int64 overflow',
      jsonRequest({ attributes: [{ key: 'k', value: { intValue: '9223372036854775808' } }] }),
      /64-bit/,
    ],
    ['an unknown kind name', jsonRequest({ kind: 'SERVER' }), /kind: expected an enum/],
    ['a numeric id', jsonRequest({ traceId: 5 }), /traceId: expected a string/],
  ];
  for (const [name, body, message] of bad) {
    test(`throws OtlpDecodeError for ${name}`, () => {
      assert.throws(
        () => decodeTracesJson(body),
        (error: unknown) => error instanceof OtlpDecodeError && message.test(error.message),
      );
    });
  }

  test('invalid ids are counted as rejected, not thrown', () => {
    const result = decodeTracesJsonRequest(jsonRequest({ spanId: '' }));
    assert.equal(result.spans.length, 0);
    assert.equal(result.rejectedSpans, 1);
    assert.match(result.rejection ?? '', /invalid span id ""/);
  });
});

describe('decodeTracesProtobuf', () => {
  const spanBytes = Buffer.concat([
    ld(1, Buffer.from(TRACE, 'hex')),
    ld(2, Buffer.from(SPAN, 'hex')),
    str(5, 'op'),
    int(6, 2n),
    fixed64(7, 10n),
    fixed64(8, 2n ** 63n + 5n),
    kv('neg', int(3, -1n)),
    kv('max', int(3, 2n ** 63n - 1n)),
    kv(
      'd',
      (() => {
        const b = Buffer.alloc(8);
        b.writeDoubleLE(-0.25);
        return Buffer.concat([tag(4, 1), b]);
      })(),
    ),
    int(99, 12345n), // an unknown field from a newer proto: skipped
    fixed64(16, 1n), // a field of the wrong wire type for `flags` (fixed32): skipped, not in the model
    ld(15, str(2, 'bad'), int(3, 2n)),
  ]);
  // The resource comes after the scope spans on the wire: it must still be attached.
  const request = ld(
    1,
    ld(2, ld(1, str(1, 'scope'), str(2, '2.0')), ld(2, spanBytes)),
    ld(1, kv('service.name', str(1, 'svc'), 1)),
  );

  test('reads spans whatever the field order, skips unknown fields, keeps int64 exact', () => {
    const { spans, rejectedSpans } = decodeTracesProtobuf(request);
    assert.equal(rejectedSpans, 0);
    const [span] = spans;
    assert.equal(span?.traceId, TRACE);
    assert.equal(span?.kind, 2);
    assert.equal(span?.endTimeUnixNano, 2n ** 63n + 5n);
    assert.deepEqual(span?.attributes, { neg: -1, max: '9223372036854775807', d: -0.25 });
    assert.deepEqual(span?.status, { code: 2, message: 'bad' });
    assert.deepEqual(span?.resource, { serviceName: 'svc', attributes: { 'service.name': 'svc' } });
    assert.deepEqual(span?.scope, { name: 'scope', version: '2.0' });
  });

  test('every truncation of a valid request is an OtlpDecodeError, never a crash', () => {
    for (let end = 1; end < request.length; end++) {
      try {
        decodeTracesProtobuf(request.subarray(0, end));
      } catch (error) {
        assert.ok(error instanceof OtlpDecodeError, `cut at ${end}: ${String(error)}`);
      }
    }
  });

  test('a known field with the wrong wire type is skipped as unknown, in every message, as protobuf decoders do', () => {
    // trace_id as a varint: the span has no trace id, so it is rejected by the id check, naming it.
    const wrongTraceId = decodeTracesProtobuf(ld(1, ld(2, ld(2, int(1, 5n), str(2, 'x'.repeat(8))))));
    assert.equal(wrongTraceId.spans.length, 0);
    assert.equal(wrongTraceId.rejectedSpans, 1);
    assert.match(String(wrongTraceId.rejection), /invalid trace id/);
    // The same rule inside a nested message: a status code sent as a string, an attribute key as a varint.
    const nested = ld(
      1,
      ld(
        2,
        ld(
          2,
          ld(1, Buffer.from(TRACE, 'hex')),
          ld(2, Buffer.from('0102030405060708', 'hex')),
          ld(15, str(3, 'error'), str(2, 'kept')),
          ld(9, int(1, 7n), str(1, 'k'), ld(2, str(1, 'v'))),
        ),
      ),
    );
    const [span] = decodeTracesProtobuf(nested).spans;
    assert.deepEqual(span?.status, { code: 0, message: 'kept' });
    assert.deepEqual(span?.attributes, { k: 'v' });
  });
});

describe('encodeTracesJson', () => {
  test('round-trips through decodeTracesJson, grouping equal resources and scopes', () => {
    const batch = decodeTracesJson(
      jsonRequest(
        {
          parentSpanId: '1111111111111111',
          traceState: 'k=v',
          name: 'op',
          kind: 3,
          startTimeUnixNano: '5',
          endTimeUnixNano: '9',
          attributes: [
            {
              key: 'nested',
              value: {
                kvlistValue: {
                  values: [{ key: 'a', value: { arrayValue: { values: [{ doubleValue: 0.5 }] } } }],
                },
              },
            },
          ],
          events: [{ timeUnixNano: '6', name: 'e', attributes: [{ key: 'x', value: { intValue: '1' } }] }],
          links: [{ traceId: TRACE, spanId: '2222222222222222' }],
          status: { code: 1 },
        },
        { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      ),
    );
    const second = decodeTracesJson(
      jsonRequest(
        { spanId: '3333333333333333', name: 'other' },
        { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      ),
    );
    const encoded = encodeTracesJson([...batch, ...second]);
    assert.equal(encoded.resourceSpans.length, 1);
    assert.equal(encoded.resourceSpans[0]?.scopeSpans.length, 1);
    assert.deepEqual(decodeTracesJson(JSON.parse(JSON.stringify(encoded))), [...batch, ...second]);
  });
});
