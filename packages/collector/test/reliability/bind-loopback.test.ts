/**
 * Security: the embedded receiver and query API listen on 127.0.0.1 unless told otherwise, so `zips up` never
 * exposes traces or an ingest endpoint to the network. Checked on the real process, from the kernel's socket table.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canReadSockets, listeningAddresses } from '@zips/test-support/listening-sockets';
import { startEmbeddedCollector } from '../../src/index.js';
import { startCollectorProcess } from '../support/collector-process.js';

test('the collector process binds its receiver and query API to 127.0.0.1 by default', {
  timeout: 30_000,
}, async (t) => {
  await using collector = await startCollectorProcess();
  const ports = [collector.otlpHttpUrl, collector.queryUrl].map((url) => new URL(url));
  for (const url of ports) assert.equal(url.hostname, '127.0.0.1', `advertised ${url.href}`);
  if (!canReadSockets) {
    t.skip('no /proc/net/tcp here: only the advertised addresses were checked');
    return;
  }
  for (const url of ports)
    assert.deepEqual(listeningAddresses(Number(url.port)), ['127.0.0.1'], `listening on port ${url.port}`);
});

test('startEmbeddedCollector() binds 127.0.0.1 by default', { timeout: 30_000 }, async () => {
  const collector = await startEmbeddedCollector({ otlpHttpPort: 0, queryPort: 0 });
  try {
    for (const url of [collector.otlpHttpUrl, collector.queryUrl]) {
      const { hostname, port } = new URL(url);
      assert.equal(hostname, '127.0.0.1');
      if (canReadSockets) assert.deepEqual(listeningAddresses(Number(port)), ['127.0.0.1']);
    }
  } finally {
    await collector.close();
  }
});
