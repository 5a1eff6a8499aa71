import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { closeGracefully } from '../src/graceful-shutdown.js';
import { rawRequest } from './support/raw-request.js';

/** A server whose handler answers only when `release` is called, to hold a request in flight. */
async function serverWithPendingRequest(): Promise<{
  server: Server;
  port: number;
  arrived: Promise<() => void>;
}> {
  let onArrive: (release: () => void) => void = () => undefined;
  const arrived = new Promise<() => void>((resolve) => {
    onArrive = resolve;
  });
  const server = createServer((_req, res) => onArrive(() => res.end('done')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, arrived };
}

test('an in-flight request finishes, then the server closes and refuses new connections', async () => {
  const { server, port, arrived } = await serverWithPendingRequest();
  const inFlight = rawRequest(port, '/slow');
  const release = await arrived;
  let closed = false;
  const closing = closeGracefully(server, { timeoutMs: 10_000 }).then(() => {
    closed = true;
  });
  await assert.rejects(rawRequest(port, '/new'), /ECONNREFUSED/);
  assert.equal(closed, false, 'still open while a request is in flight');
  release();
  const response = await inFlight;
  assert.equal(response.status, 200);
  assert.equal(response.text, 'done');
  await closing;
});

test('a request still running at the deadline has its connection cut, and close resolves', async () => {
  const { server, port, arrived } = await serverWithPendingRequest();
  const inFlight = rawRequest(port, '/stuck');
  await arrived;
  await closeGracefully(server, { timeoutMs: 50 });
  await assert.rejects(inFlight, /socket hang up|ECONNRESET/);
});
