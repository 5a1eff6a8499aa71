/** OTLP/JSON request bodies for the abuse tests: `traces` traces of one span each, unique ids. */
import { randomBytes } from 'node:crypto';

export function otlpJsonBatch(traces: number, service = 'flood'): string {
  const now = BigInt(Date.now()) * 1_000_000n;
  const spans = Array.from({ length: traces }, () => ({
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    name: 'flood',
    kind: 2,
    startTimeUnixNano: String(now),
    endTimeUnixNano: String(now + 1_000_000n),
    attributes: [{ key: 'flood.payload', value: { stringValue: 'x'.repeat(200) } }],
  }));
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [{ scope: { name: 'reliability' }, spans }],
      },
    ],
  });
}
