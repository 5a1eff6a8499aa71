/**
 * The generated Lightstep exporter, run by the real Collector: its endpoint moved (a generator input) to an
 * OTLP/gRPC receiver on loopback that speaks TLS with a certificate from a CA this test makes, and that CA given
 * to the Collector with `--set`. The spans arrive carrying `lightstep-access-token` equal to the environment's
 * value, and the token is in no file, no log line and no process argument.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type handleUnaryCall, Server, ServerCredentials } from '@grpc/grpc-js';
import { decodeTracesProtobuf, type OtlpSpan, rawTraceServiceDefinition } from '@zips/collector';
import { renderCollectorYaml } from '@zips/collector-config';
import { type RunningCollector, realStackSkip, startCollector } from '@zips/test-support/real-stack';
import { waitFor } from '@zips/test-support/wait-for';
import { type ServerProcess, startServerExportingTo } from './support/server-process.js';

const TOKEN = `planted-lightstep-token-${process.pid}-${Date.now()}`;

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    // No openssl binary: the test cannot make its CA.
    return false;
  }
}

const skip =
  realStackSkip('otelcol') ||
  (hasOpenssl() ? false : 'openssl is not installed (the test makes its CA with it)');

/** A CA and a server certificate for 127.0.0.1 signed by it, in `dir`. */
function makeCertificates(dir: string): { ca: string; key: Buffer; cert: Buffer; caPem: Buffer } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '1',
    '-subj',
    '/CN=zips test CA',
  );
  run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '1',
    '-extfile',
    'san.ext',
  );
  return {
    ca: join(dir, 'ca.pem'),
    caPem: readFileSync(join(dir, 'ca.pem')),
    key: readFileSync(join(dir, 'server.key')),
    cert: readFileSync(join(dir, 'server.pem')),
  };
}

interface Received {
  tokens: string[];
  spans: OtlpSpan[];
}

describe('Lightstep target: real Collector → TLS OTLP/gRPC receiver on loopback', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'zips-lightstep-'));
  const received: Received[] = [];
  let receiver: Server;
  let collector: RunningCollector;
  let server: ServerProcess;
  let appUrl: string;

  before(async () => {
    const certs = makeCertificates(dir);
    receiver = new Server();
    const exportCall: handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      const tokens = call.metadata.get('lightstep-access-token').map(String);
      received.push({ tokens, spans: decodeTracesProtobuf(call.request).spans });
      callback(null, Buffer.alloc(0));
    };
    receiver.addService(rawTraceServiceDefinition, { Export: exportCall });
    const port = await new Promise<number>((resolve, reject) =>
      receiver.bindAsync(
        '127.0.0.1:0',
        ServerCredentials.createSsl(certs.caPem, [{ private_key: certs.key, cert_chain: certs.cert }]),
        (error, bound) => (error ? reject(error) : resolve(bound)),
      ),
    );
    collector = await startCollector({
      configYaml: renderCollectorYaml({
        targets: { jaeger: false, lightstep: { endpoint: `127.0.0.1:${port}` } },
      }),
      set: [`exporters::otlp_grpc/lightstep::tls::ca_file=${certs.ca}`],
      env: { LIGHTSTEP_ACCESS_TOKEN: TOKEN },
    });
    server = await startServerExportingTo(collector.otlpHttpUrl);
    appUrl = server.url;
  });

  after(async () => {
    await server?.stop();
    await collector?.stop();
    receiver?.forceShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the spans arrive over TLS with the token from the environment as lightstep-access-token', async () => {
    await fetch(`${appUrl}/zips/11215`).then((r) => r.arrayBuffer());
    const serverSpans = await waitFor(
      'the server span at the receiver',
      () => {
        const spans = received.flatMap((r) => r.spans).filter((s) => s.name === 'GET /zips/:zip');
        return spans.length > 0 ? spans : undefined;
      },
      30_000,
    );
    assert.equal(serverSpans[0]?.resource.serviceName, 'zips');
    assert.deepEqual([...new Set(received.flatMap((r) => r.tokens))], [TOKEN]);
  });

  test('the token is in no file the Collector was given, no log line and no process argument', async () => {
    const configs = readdirSync(tmpdir())
      .filter((name) => name.startsWith('zips-otelcol-'))
      .flatMap((name) => readdirSync(join(tmpdir(), name)).map((file) => join(tmpdir(), name, file)));
    for (const file of configs) assert.doesNotMatch(readFileSync(file, 'utf8'), new RegExp(TOKEN), file);
    assert.doesNotMatch(collector.stdout() + collector.stderr(), new RegExp(TOKEN));
    const argv = readFileSync(`/proc/${collector.child.pid}/cmdline`, 'utf8');
    assert.doesNotMatch(argv, new RegExp(TOKEN));
    assert.match(argv, /--config=/, "the argv read is the Collector's");
  });
});
