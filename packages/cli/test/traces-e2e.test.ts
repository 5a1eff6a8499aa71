import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { type RunningEmbeddedCollector, startEmbeddedCollector } from '@zips/collector';
import type { TraceRecord } from '../src/traces/assembled/trace-record.js';
import { repoRoot } from './support/paths.js';

const zips = join(repoRoot, 'packages/cli/bin/zips.js');
const run = promisify(execFile);

/** Exports real spans with the OTel JS SDK over OTLP/HTTP, as the zips server does. */
function makeTracer(otlpHttpUrl: string) {
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'zips-server' }),
    spanProcessors: [
      new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${otlpHttpUrl}/v1/traces` }) }),
    ],
  });
  const tracer = provider.getTracer('traces-e2e');
  /** One request: SERVER span with route and status, and a child span; returns the trace id. */
  const request = async (
    route: string,
    status: number,
    durationMs: number,
    start = Date.now() - durationMs,
  ): Promise<string> => {
    const server = tracer.startSpan(
      `GET ${route}`,
      {
        kind: SpanKind.SERVER,
        startTime: start,
        attributes: {
          'http.request.method': 'GET',
          'http.route': route,
          'url.path': route,
          'http.response.status_code': status,
        },
      },
      ROOT_CONTEXT,
    );
    const child = tracer.startSpan(
      'zips.lookup',
      { startTime: start + 1 },
      trace.setSpan(ROOT_CONTEXT, server),
    );
    child.end(start + durationMs - 1);
    if (status >= 500) server.setStatus({ code: SpanStatusCode.ERROR });
    server.end(start + durationMs);
    await provider.forceFlush();
    return server.spanContext().traceId;
  };
  return { request, shutdown: () => provider.shutdown() };
}

/** Runs the built CLI as a real process, away from any real stack state. */
function cliEnv(stateDir: string): NodeJS.ProcessEnv {
  return { ...process.env, ZIPS_STATE_DIR: stateDir, NO_COLOR: '1' };
}

/** Resolves with the output once `done(stdout)` holds; rejects after `timeoutMs` so a broken CLI fails the test. */
function waitForOutput(
  child: ChildProcess,
  done: (stdout: string) => boolean,
  timeoutMs = 15_000,
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`timed out; stdout so far:\n${stdout}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (done(stdout)) {
        clearTimeout(timer);
        resolvePromise(stdout);
      }
    });
  });
}

describe('zips traces end to end: OTel SDK → embedded collector → built CLI', () => {
  let collector: RunningEmbeddedCollector;
  let tracer: ReturnType<typeof makeTracer>;
  const stateDir = mkdtempSync(join(tmpdir(), 'zips-traces-e2e-'));
  const ids: Record<string, string> = {};

  before(async () => {
    collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
    tracer = makeTracer(collector.otlpHttpUrl);
    const base = Date.now() - 10_000;
    ids.ok = await tracer.request('/zips/:zip', 200, 12, base);
    ids.missing = await tracer.request('/zips/:zip', 404, 5, base + 1000);
    ids.failed = await tracer.request('/:zip', 500, 80, base + 2000);
    ids.health = await tracer.request('/healthz', 200, 1, base + 3000);
  });
  after(async () => {
    await tracer.shutdown();
    await collector.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const traces = async (...args: string[]) =>
    run(process.execPath, [zips, 'traces', ...args, '--endpoint', collector.queryUrl], {
      env: cliEnv(stateDir),
      timeout: 20_000,
    });

  it('--once --json prints one NDJSON line per trace, oldest first, health checks hidden', async () => {
    const { stdout } = await traces('--once', '--json');
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as TraceRecord);
    assert.deepEqual(
      records.map((record) => [
        record.traceId,
        record.root,
        record.status,
        record.error,
        record.spans,
        record.services,
      ]),
      [
        [ids.ok, 'GET /zips/:zip', 200, false, 2, ['zips-server']],
        [ids.missing, 'GET /zips/:zip', 404, false, 2, ['zips-server']],
        [ids.failed, 'GET /:zip', 500, true, 2, ['zips-server']],
      ],
    );
    assert.equal(records[2]?.durationMs, 80);
    assert.ok(Math.abs(Date.parse(records[0]?.start ?? '') - Date.now()) < 60_000);
  });

  it('--once applies --errors, --route, --min-duration and --limit', async () => {
    const lines = async (...args: string[]) =>
      (await traces('--once', '--json', ...args)).stdout.trim().split('\n');
    assert.deepEqual(
      (await lines('--errors')).map((line) => JSON.parse(line).traceId),
      [ids.failed],
    );
    assert.deepEqual(
      (await lines('--route', '/zips/:zip', '--limit', '1')).map((line) => JSON.parse(line).traceId),
      [ids.missing],
    );
    assert.deepEqual(
      (await lines('--min-duration', '50ms')).map((line) => JSON.parse(line).traceId),
      [ids.failed],
    );
  });

  it('--once without --json prints plain lines', async () => {
    const { stdout } = await traces('--once', '--errors');
    assert.match(
      stdout,
      new RegExp(
        `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  ${ids.failed}  500   80.0ms   2 spans  ERROR  GET /:zip  \\[zips-server\\]\\n$`,
      ),
    );
  });

  it('<traceId> prints a text waterfall, and --json the OTLP TracesData', async () => {
    const text = (await traces(ids.failed ?? '')).stdout;
    assert.match(text, new RegExp(`^trace ${ids.failed}  2 spans  1 service  80.0ms\\n! GET /:zip `));
    assert.match(text.split('\n')[2] ?? '', /^ {4}zips\.lookup +zips-server +78\.0ms \|/);
    const json = JSON.parse((await traces(ids.failed ?? '', '--json')).stdout);
    const spans = json.resourceSpans[0].scopeSpans[0].spans;
    assert.equal(spans.length, 2);
    await assert.rejects(
      traces('0123456789abcdef0123456789abcdef'),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 3);
        assert.match(error.stderr ?? '', /was not found/);
        return true;
      },
    );
  });

  it('follows: a request made after start appears as a new NDJSON line', async () => {
    const child = spawn(
      process.execPath,
      [zips, 'traces', '--json', '--limit', '1', '--endpoint', collector.queryUrl],
      {
        env: cliEnv(stateDir),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      await waitForOutput(child, (stdout) => stdout.includes(ids.failed ?? '?'));
      const fresh = tracer.request('/zips/:zip', 200, 3);
      // A fresh listener: it sees only what is printed after the backlog.
      const stdout = await waitForOutput(child, (out) => out.endsWith('\n'));
      const last = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as TraceRecord;
      assert.equal(last.traceId, await fresh);
      assert.equal(last.complete, true);
    } finally {
      const exited = new Promise<number | null>((resolveExit) =>
        child.once('exit', (code) => resolveExit(code)),
      );
      child.kill('SIGTERM');
      assert.equal(await exited, 0, 'SIGTERM ends the follow mode cleanly');
    }
  });

  it('finds the query API from the stack state that `zips up` recorded when --endpoint is absent', async () => {
    const state = {
      version: 1,
      runtime: 'native',
      startedAt: new Date().toISOString(),
      urls: {
        app: 'http://127.0.0.1:1',
        traceUi: collector.queryUrl,
        traceQuery: collector.queryUrl,
        otlpHttp: collector.otlpHttpUrl,
      },
    };
    writeFileSync(join(stateDir, 'state.json'), JSON.stringify(state));
    try {
      const { stdout } = await run(process.execPath, [zips, 'traces', '--once', '--json', '--errors'], {
        env: cliEnv(stateDir),
        timeout: 20_000,
      });
      assert.deepEqual(
        stdout
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).traceId),
        [ids.failed],
      );
    } finally {
      rmSync(join(stateDir, 'state.json'));
    }
  });

  it('fails with exit code 4 and a hint when nothing answers', async () => {
    await assert.rejects(
      run(process.execPath, [zips, 'traces', '--once', '--endpoint', 'http://127.0.0.1:2'], {
        env: cliEnv(stateDir),
        timeout: 20_000,
      }),
      (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 4);
        assert.match(
          error.stderr ?? '',
          /No trace query API answers at http:\/\/127\.0\.0\.1:2 \(ECONNREFUSED\)/,
        );
        assert.match(error.stderr ?? '', /zips up/);
        return true;
      },
    );
  });
});
