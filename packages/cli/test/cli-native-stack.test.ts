/**
 * The native runtime end to end, through the built CLI as real processes: `up` on free ports → `lookup` → the
 * CLI span and the server span in one trace through the query API → `status` → `doctor` → crash → `down`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@zips/test-support/free-port';
import { execa } from 'execa';
import { tempProject, zipsBin } from './support/cli-run.js';
import { collectorMain } from './support/paths.js';
import { UP_NATIVE } from './support/zips-cli.js';

const missing = existsSync(collectorMain) ? false : `the embedded collector is not built (${collectorMain})`;
/** `zips up` arguments for a native stack on free ports (shared with the reliability tests). */
const freePorts = UP_NATIVE.slice(1);

interface State {
  runtime: string;
  urls: { app: string; traceUi: string; traceQuery: string; otlpHttp: string };
  pids: { server: number; collector: number };
}

describe('zips native stack', { skip: missing }, () => {
  it('up → lookup → trace across CLI and server → status → doctor → down', async () => {
    await using project = await tempProject();
    const up = await project.zips(['up', ...freePorts, '--json']);
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      assert.match(up.stderr, /Runtime: native \(chosen with --runtime native\)/);
      const state = JSON.parse(up.stdout) as State;
      assert.equal(state.runtime, 'native');

      const again = await project.zips(['up', ...freePorts, '--json']);
      assert.equal(again.exitCode, 0, again.stderr);
      assert.match(again.stderr, /already running/);
      assert.deepEqual((JSON.parse(again.stdout) as State).pids, state.pids, 'up twice starts nothing new');

      const lookup = await project.zips(['lookup', '11215', '--json']);
      assert.equal(lookup.exitCode, 0, lookup.stderr);
      const place = JSON.parse(lookup.stdout) as {
        zip: string;
        city: string;
        state: string;
        trace: { traceId: string; url: string };
      };
      assert.deepEqual([place.zip, place.state], ['11215', 'NY']);
      // Jaeger UI's address form, served in native by the embedded collector's web trace view.
      assert.equal(place.trace.url, `${state.urls.traceUi}/trace/${place.trace.traceId}`);

      // The CLI span is exported by a background process: wait until both sides of the trace have arrived.
      const spans = await waitForTrace(
        state.urls.traceQuery,
        place.trace.traceId,
        (s) => s.some((x) => x.service === 'zips') && s.some((x) => x.service === 'zips-cli'),
      );
      const page = await fetch(place.trace.url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await page.text(), new RegExp(`<code>${place.trace.traceId}</code>`));
      const client = spans.find((s) => s.service === 'zips-cli');
      assert.ok(client, 'the CLI span is in the trace');
      assert.equal(client.kind, 3, 'CLIENT');
      const server = spans.find((s) => s.service === 'zips' && s.kind === 2);
      assert.ok(server, 'a SERVER span of the zips server is in the same trace');
      assert.equal(server.parentSpanId, client.spanId, 'the server span is a child of the CLI span');

      const readable = await project.zips(['lookup', '11215']);
      assert.equal(readable.exitCode, 0);
      assert.match(readable.stdout, /11215 {2}.+, NY/);
      assert.match(readable.stdout, new RegExp(`Trace link +${state.urls.traceUi}/trace/[0-9a-f]{32}\n`));

      const unknown = await project.zips(['lookup', '00000']);
      assert.equal(unknown.exitCode, 3, unknown.stderr);
      assert.match(unknown.stderr, /00000 is not in the dataset/);

      const status = await project.zips(['status', '--json']);
      assert.equal(status.exitCode, 0);
      const report = JSON.parse(status.stdout) as {
        running: boolean;
        services: { name: string; state: string; health: string }[];
      };
      assert.equal(report.running, true);
      assert.deepEqual(
        report.services.map((s) => [s.name, s.state, s.health]),
        [
          ['server', 'running', 'healthy'],
          ['collector', 'running', 'healthy'],
        ],
      );

      const logs = await project.zips(['logs', 'server', '-n', '50']);
      assert.equal(logs.exitCode, 0);

      const doctor = await project.zips(['doctor', '--json']);
      const checks = (JSON.parse(doctor.stdout) as { checks: { name: string; status: string }[] }).checks;
      const canary = checks.filter((c) => c.name.startsWith('Canary'));
      assert.deepEqual(
        canary.map((c) => c.status),
        ['ok', 'ok', 'ok'],
        doctor.stdout,
      );
      assert.equal(doctor.exitCode, 0, doctor.stderr);

      // A crash: kill -9 the server. lookup says the stack is down; down still cleans everything up.
      process.kill(state.pids.server, 'SIGKILL');
      await waitFor(() => !alive(state.pids.server));
      const afterCrash = await project.zips(['lookup', '11215']);
      assert.equal(afterCrash.exitCode, 4, afterCrash.stderr);

      // `up` after the crash cleans the stale state (stopping the surviving collector) and starts afresh.
      const restart = await project.zips(['up', ...freePorts, '--json']);
      assert.equal(restart.exitCode, 0, restart.stderr);
      assert.match(restart.stderr, /no longer running \(server gone\)/);
      assert.equal(alive(state.pids.collector), false, 'the old collector was stopped');
      assert.notEqual((JSON.parse(restart.stdout) as State).pids.server, state.pids.server);
    } finally {
      const down = await project.zips(['down']);
      assert.equal(down.exitCode, 0, down.stderr);
    }
    const state = JSON.parse(up.stdout) as State;
    assert.equal(alive(state.pids.collector), false, 'down stopped the collector');
    assert.equal(existsSync(join(project.stateDir, 'state.json')), false);
    const again = await project.zips(['down']);
    assert.equal(again.exitCode, 0, 'down is idempotent');
  });

  it('auto falls back to native when Docker is unreachable; Ctrl-C during up stops what was already started', async () => {
    await using project = await tempProject();
    const stateFile = join(project.stateDir, 'state.json');
    const auto = freePorts.map((arg) => (arg === 'native' ? 'auto' : arg));
    const child = execa(process.execPath, [zipsBin, 'up', ...auto], {
      cwd: project.dir,
      // An engine that cannot be reached: `auto` must fall back to native and say why.
      env: {
        ZIPS_ROOT: project.dir,
        NO_COLOR: '1',
        CI: 'true',
        DOCKER_HOST: `unix://${join(project.dir, 'none.sock')}`,
      },
      reject: false,
      timeout: 60_000,
    });
    // Interrupt as soon as the collector is recorded: mid-way through `up`.
    const collectorPid = await waitFor(async () => {
      const text = await readFile(stateFile, 'utf8').catch(() => '');
      return text ? (JSON.parse(text) as Partial<State>).pids?.collector : undefined;
    });
    child.kill('SIGINT');
    const result = await child;
    assert.match(
      String(result.stderr),
      /Runtime: native \(the Docker engine is not reachable .*so using the embedded native runtime/,
    );
    if (result.exitCode === 0) {
      // `up` finished before the signal arrived: nothing half-started either way; clean up.
      await project.zips(['down']);
      return;
    }
    assert.equal(result.exitCode, 130, String(result.stderr));
    assert.match(String(result.stderr), /Interrupted/);
    await waitFor(() => !alive(collectorPid));
    assert.equal(existsSync(stateFile), false);
  });
});

describe('zips native stack startup failure', { skip: missing }, () => {
  it('a service that is not healthy in time is named, its log shown, and everything stopped', async () => {
    await using project = await tempProject();
    const up = await project.zips(['up', ...freePorts, '--timeout', '1']); // the last --timeout wins
    if (up.exitCode === 0) {
      await project.zips(['down']); // fast enough to be ready within 1 s: nothing failed to check
      return;
    }
    assert.equal(up.exitCode, 1, up.stderr);
    assert.match(up.stderr, /The (server|collector) did not become healthy within 1s/);
    assert.match(up.stderr, /Read the full log in .*\.log/);
    assert.equal(existsSync(join(project.stateDir, 'state.json')), false, 'no state left behind');
    // The collector announced its pid in its log when it was ready: it must have been stopped again.
    const collectorLog = await readFile(join(project.stateDir, 'logs', 'collector.log'), 'utf8');
    const ready = /"event":"ready".*"pid":(\d+)/.exec(collectorLog);
    if (ready) await waitFor(() => !alive(Number(ready[1])));
    const status = await project.zips(['status', '--json']);
    assert.equal((JSON.parse(status.stdout) as { running: boolean }).running, false);
  });
});

describe('zips native stack secrets', { skip: missing }, () => {
  it('the Lightstep token and header values reach the collector environment only', async () => {
    await using project = await tempProject();
    const token = `zips-test-token-${process.pid}`;
    const headerValue = `zips-test-header-${process.pid}`;
    const env = { LIGHTSTEP_ACCESS_TOKEN: token, ZIPS_TEST_OTLP_KEY: headerValue };
    const targets = [
      '--lightstep',
      '--otlp-endpoint',
      'http://127.0.0.1:9',
      '--otlp-header',
      'x-key=ZIPS_TEST_OTLP_KEY',
    ];
    const up = await project.zips(['up', ...freePorts, ...targets, '--json', '--verbose'], env);
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      const state = JSON.parse(up.stdout) as State;
      const leaks: string[] = [];
      const check = (where: string, text: string) => {
        if (text.includes(token) || text.includes(headerValue)) leaks.push(where);
      };
      check('up output', up.stdout + up.stderr);
      check('state.json', await readFile(join(project.stateDir, 'state.json'), 'utf8'));
      for (const name of ['server', 'collector'] as const) {
        check(`${name} argv`, await readFile(`/proc/${state.pids[name]}/cmdline`, 'utf8').catch(() => ''));
        check(`${name}.log`, await readFile(join(project.stateDir, 'logs', `${name}.log`), 'utf8'));
      }
      check(
        'server environment',
        await readFile(`/proc/${state.pids.server}/environ`, 'utf8').catch(() => ''),
      );
      const status = await project.zips(['status', '--json'], env);
      const doctor = await project.zips(['doctor', '--json', '--no-canary'], env);
      check('status', status.stdout);
      check('doctor', doctor.stdout + doctor.stderr);
      assert.match(doctor.stdout, /LIGHTSTEP_ACCESS_TOKEN set/);
      assert.deepEqual(leaks, []);
      // The collector does get them, through its environment: that is how it forwards.
      const collectorEnv = await readFile(`/proc/${state.pids.collector}/environ`, 'utf8').catch(
        () => undefined,
      );
      if (collectorEnv !== undefined)
        assert.ok(collectorEnv.includes(token) && collectorEnv.includes(headerValue));
    } finally {
      await project.zips(['down']);
    }
  });
});

interface FlatSpan {
  service: string;
  spanId: string;
  parentSpanId: string;
  kind: number;
}

async function waitForTrace(
  queryUrl: string,
  traceId: string,
  done: (spans: FlatSpan[]) => boolean,
): Promise<FlatSpan[]> {
  let spans: FlatSpan[] = [];
  await waitFor(async () => {
    const response = await fetch(`${queryUrl}/api/v3/traces/${traceId}`);
    if (!response.ok) return false;
    spans = flatten((await response.json()) as TracesBody);
    return done(spans);
  });
  return spans;
}

interface TracesBody {
  result: {
    resourceSpans: {
      resource: { attributes: { key: string; value: { stringValue?: string } }[] };
      scopeSpans: { spans: { spanId: string; parentSpanId?: string; kind: number }[] }[];
    }[];
  };
}

function flatten(body: TracesBody): FlatSpan[] {
  return body.result.resourceSpans.flatMap((rs) => {
    const service = rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
    return rs.scopeSpans.flatMap((ss) =>
      ss.spans.map((s) => ({ service, spanId: s.spanId, parentSpanId: s.parentSpanId ?? '', kind: s.kind })),
    );
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` returns something truthy; fails after 20 s instead of hanging. */
async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}

describe('zips native stack forwarding to a target that is away', { skip: missing }, () => {
  it('`zips status` shows the backlog the collector holds for it, and that nothing was dropped', async () => {
    await using project = await tempProject();
    const away = `http://127.0.0.1:${await freePort()}`;
    const up = await project.zips(['up', ...freePorts, '--otlp-endpoint', away, '--json']);
    try {
      assert.equal(up.exitCode, 0, up.stderr);
      const lookup = await project.zips(['lookup', '11215', '--json']);
      assert.equal(lookup.exitCode, 0, lookup.stderr);
      const detail = await waitFor(async () => {
        const status = await project.zips(['status', '--json']);
        const collector = (
          JSON.parse(status.stdout) as { services: { name: string; detail?: string }[] }
        ).services.find((s) => s.name === 'collector');
        return /spans \(.* MB\) waiting/.test(collector?.detail ?? '') ? collector?.detail : undefined;
      }, 20_000);
      assert.match(detail, /^forward otlp: failing, [\d,]+ spans \([\d.]+ MB\) waiting, 0 spans dropped$/);
      const text = await project.zips(['status']);
      assert.match(text.stdout, /forward otlp: failing/);
    } finally {
      await project.zips(['down']);
    }
  });
});
