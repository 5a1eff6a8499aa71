import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { type RunningEmbeddedCollector, startEmbeddedCollector } from '@zips/collector';
import { repoRoot } from './support/paths.js';

const zips = join(repoRoot, 'packages/cli/bin/zips.js');
const tmuxMissing =
  spawnSync('tmux', ['-V']).status === 0 ? false : 'tmux is not installed (apt-get install -y tmux)';
/** A private tmux server, so the test never touches the developer's sessions. */
const socket = `zips-traces-test-${process.pid}`;
const session = 'dash';

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', session);

/** Runs `command` in a detached 110×30 tmux session, with zips' state in `stateDir`. */
function openDashboard(command: string, stateDir: string): void {
  tmux(
    'new-session',
    '-d',
    '-s',
    session,
    '-x',
    '110',
    '-y',
    '30',
    '-e',
    `ZIPS_STATE_DIR=${stateDir}`,
    command,
  );
}

async function waitForScreen(
  predicate: (text: string) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (predicate(text)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the dashboard never showed ${what}; screen:\n${text}`);
}

describe('zips traces dashboard in a real terminal (tmux)', { skip: tmuxMissing }, () => {
  let collector: RunningEmbeddedCollector;
  let provider: TracerProvider;
  const stateDir = mkdtempSync(join(tmpdir(), 'zips-traces-tmux-'));

  const request = async (route: string, status: number) => {
    const span = provider.getTracer('tmux').startSpan(
      `GET ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': 'GET',
          'http.route': route,
          'http.response.status_code': status,
        },
      },
      ROOT_CONTEXT,
    );
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    await provider.forceFlush();
    return span.spanContext().traceId;
  };

  before(async () => {
    collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
    provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'zips-server' }),
      spanProcessors: [
        new SimpleSpanProcessor({
          exporter: new OTLPTraceExporter({ url: `${collector.otlpHttpUrl}/v1/traces` }),
        }),
      ],
    });
    await request('/zips/:zip', 200);
  });
  after(async () => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    await provider.shutdown();
    await collector.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('shows requests live, opens a waterfall, and quits with q', async () => {
    const command = [process.execPath, zips, 'traces', '--endpoint', collector.queryUrl]
      .map((part) => `'${part}'`)
      .join(' ');
    openDashboard(command, stateDir);
    const first = await waitForScreen((text) => text.includes('GET /zips/:zip'), 'the first request');
    assert.match(first, /zips traces · http:\/\/127\.0\.0\.1:\d+ +LIVE/);
    assert.match(first, /› \d\d:\d\d:\d\d\.\d{3} GET \/zips\/:zip +200/);

    const traceId = await request('/:zip', 500);
    const live = await waitForScreen((text) => /GET \/:zip +500/.test(text), 'a request made while it runs');
    assert.match(live, /GET \/:zip +500 .*✗/);
    assert.match(live, /1-2 of 2/);

    tmux('send-keys', '-t', session, 'Enter');
    const waterfall = await waitForScreen((text) => text.includes(`trace ${traceId}`), 'the waterfall');
    assert.match(waterfall, /›✗ GET \/:zip +zips-server/);

    tmux('send-keys', '-t', session, 'Escape');
    await waitForScreen((text) => text.includes('1-2 of 2'), 'the list again');
    // Several keys in one send-keys reach the dashboard as one input chunk: each must count, in order.
    tmux('send-keys', '-t', session, 'j', 'Enter');
    const second = await waitForScreen(
      (text) => /^trace [0-9a-f]{32} · /m.test(text) && !text.includes(`trace ${traceId}`),
      "the second row's waterfall after `send-keys j Enter`",
    );
    assert.match(second, /› +GET \/zips\/:zip +zips-server/);
    tmux('send-keys', '-t', session, 'Escape');
    await waitForScreen((text) => text.includes('1-2 of 2'), 'the list again');
    tmux('send-keys', '-t', session, 'q');
    const deadline = Date.now() + 10_000;
    while (spawnSync('tmux', ['-L', socket, 'has-session', '-t', session]).status === 0) {
      assert.ok(Date.now() < deadline, 'q did not end the dashboard');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
});

describe('zips up (native) → requests → the dashboard shows them, in tmux', { skip: tmuxMissing }, () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'zips-traces-native-'));
  const env = { ...process.env, ZIPS_STATE_DIR: stateDir };
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [zips, ...args], { env, timeout: 90_000 });

  before(async () => {
    await cli('up', '--runtime', 'native', '--port', '0', '--otlp-port', '0', '--ui-port', '0');
  });
  after(async () => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    await cli('down');
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('finds the stack from its state and lists a lookup made while it runs', async () => {
    const state = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as {
      urls: { app: string; traceQuery: string };
    };
    const command = [process.execPath, zips, 'traces'].map((part) => `'${part}'`).join(' ');
    openDashboard(command, stateDir);
    await waitForScreen(
      (text) => text.includes(`native store ${state.urls.traceQuery}`),
      'the native store as its source',
    );
    const response = await fetch(`${state.urls.app}/zips/11215`);
    assert.equal(response.status, 200);
    await response.text();
    const screenText = await waitForScreen((text) => /GET \/zips\/:zip +200/.test(text), 'the lookup');
    assert.match(screenText, /1-1 of 1/);
    tmux('send-keys', '-t', session, 'q');
  });
});
