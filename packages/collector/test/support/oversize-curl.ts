/**
 * Oversize bodies as a real client sends them: curl --data-binary @- with 64 MB on its stdin, once with the size
 * declared (curl reads stdin first, then sends Content-Length and `Expect: 100-continue`) and once chunked. Each
 * attempt must end in the receiver's 413, never in a connection reset.
 */
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import type { TestContext } from 'node:test';
import { recordResult } from '@zips/test-support/results';
import { startCollectorProcess } from './collector-process.js';

export const curlMissing = spawnSync('curl', ['--version']).status === 0 ? false : 'curl is not installed';

const BODY_BYTES = 64 * 1024 * 1024;

/** One curl upload of BODY_BYTES zero bytes from stdin; resolves with the HTTP status (000 when none) and exit. */
function curlUpload(url: string, chunked: boolean): Promise<{ status: string; exit: number | null }> {
  return new Promise((resolve, reject) => {
    const args = ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--data-binary', '@-'];
    args.push(
      '-H',
      'content-type: application/x-protobuf',
      ...(chunked ? ['-H', 'Transfer-Encoding: chunked'] : []),
      url,
    );
    const curl = spawn('curl', args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    curl.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
    });
    curl.on('error', reject);
    curl.on('close', (exit) => resolve({ status: out.trim(), exit }));
    // The zero bytes go in slices; an EPIPE (curl stopped reading after the answer) is expected.
    curl.stdin.on('error', () => {});
    const slice = Buffer.alloc(1024 * 1024);
    let left = BODY_BYTES / slice.length;
    const pump = () => {
      while (left > 0) {
        left -= 1;
        if (!curl.stdin.write(slice)) return void curl.stdin.once('drain', pump);
      }
      curl.stdin.end();
    };
    pump();
  });
}

/** `attempts` uploads of each kind; all must see 413. */
export async function oversizeScenario(t: TestContext, attempts: number): Promise<void> {
  await using collector = await startCollectorProcess([]);
  const url = `${collector.otlpHttpUrl}/v1/traces`;
  const outcomes: Record<string, Record<string, number>> = { declared: {}, chunked: {} };
  for (const kind of ['declared', 'chunked'] as const) {
    for (let i = 0; i < attempts; i++) {
      const { status, exit } = await curlUpload(url, kind === 'chunked');
      const key = status === '413' ? '413' : `${status} (curl exit ${exit})`;
      outcomes[kind] = { ...outcomes[kind], [key]: (outcomes[kind]?.[key] ?? 0) + 1 };
    }
  }
  recordResult(t.diagnostic.bind(t), 'receiver-oversize-curl', { attempts, bodyBytes: BODY_BYTES, outcomes });
  if (!collector.alive()) throw new Error(`the collector died: ${collector.stderr()}`);
  for (const kind of ['declared', 'chunked'] as const) {
    const seen = outcomes[kind] ?? {};
    if (seen['413'] !== attempts)
      throw new Error(`${kind}: expected ${attempts}× 413, saw ${JSON.stringify(seen)}`);
  }
}

/**
 * A client that keeps sending a chunked body for `sendMs` without reading, then reads: what a busy exporter or a
 * slow reader does. If the server closes while bytes still arrive, the client's kernel answers with a reset and
 * the unread 413 is lost; the receiver must linger until the client has read it.
 */
export function slowReaderUpload(
  url: string,
  sendMs: number,
): Promise<{ status: number | undefined; error?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    let sending = true;
    const chunk = Buffer.alloc(64 * 1024);
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]);
    socket.on('connect', () => {
      socket.pause();
      socket.write(
        'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nTransfer-Encoding: chunked\r\n\r\n',
      );
      const started = Date.now();
      const pump = () => {
        while (sending && Date.now() - started < sendMs) {
          if (!socket.write(frame)) return void socket.once('drain', pump);
        }
        if (sending) setTimeout(read, 0);
      };
      const read = () => {
        sending = false;
        socket.resume();
      };
      setTimeout(read, sendMs + 50);
      pump();
    });
    socket.setEncoding('latin1');
    socket.on('data', (s: string) => {
      answer += s;
    });
    const done = (error?: Error) => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      resolve({
        status: status === undefined ? undefined : Number(status),
        ...(error ? { error: error.message } : {}),
      });
      socket.destroy();
    };
    socket.on('error', (error) => done(error));
    socket.on('close', () => done());
  });
}
