// Issue 4: start-up cost of the CLI next to a bare `node -e 0`, measured alternately in the same run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startNode } from '../lib/child.js';
import { config } from '../lib/config.js';
import { freePort } from '../lib/free-port.js';
import { median, timedNode } from '../lib/timed-exec.js';
import { baseEnv } from './server-variants.js';

const SECTION = 'cli (issue 4)';
const CLI = resolve('packages/cli/bin/zips.js');
const CLI_MAIN = 'packages/cli/dist/src/main.js';
const SERVER = 'packages/server/dist/src/main.js';

/** @param {import('../lib/report.js').Report} report */
export async function benchCli(report) {
  if (!existsSync(CLI_MAIN)) {
    report.add({
      section: SECTION,
      name: 'cli benchmark',
      value: 'not available yet',
      note: `missing ${CLI_MAIN}`,
    });
    return;
  }
  const server = existsSync(SERVER) && existsSync('data/zips.json') ? await startServer() : undefined;
  const sink = await startNode({ name: 'otlp-sink', args: ['bench/otlp-sink.js'], readyJsonLine: true });
  // Outside the repository no .zips/state.json of a running stack can redirect the lookup or its span.
  const cwd = mkdtempSync(join(tmpdir(), 'zips-bench-cli-'));
  try {
    // The client span of `lookup` goes to a sink that answers at once, so the export itself is counted too.
    const env = {
      ...baseEnv(0),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sink.ready.port}`,
      NO_COLOR: '1',
    };
    const commands = {
      node: ['-e', '0'],
      help: [CLI, '--help'],
      ...(server ? { lookup: [CLI, 'lookup', '11215', '--url', server.url] } : {}),
    };
    const times = await timeAlternately(report, commands, { env, cwd });
    summarise(report, times, Boolean(server));
  } finally {
    await sink.stop();
    await server?.stop();
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function startServer() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startNode({
    name: 'zips server',
    args: [SERVER],
    env: { ...baseEnv(port), OTEL_SDK_DISABLED: 'true' },
    readyUrl: `${url}/readyz`,
  });
  return { ...child, url };
}

async function timeAlternately(report, commands, options) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  // One untimed pass fills the OS file cache so the first timed run is not an outlier.
  for (const args of Object.values(commands)) await timedNode(args, options);
  for (let i = 0; i < config.cliRuns; i++)
    for (const [name, args] of Object.entries(commands)) {
      const run = await timedNode(args, options);
      if (run.code !== 0 || (name === 'lookup' && !/brooklyn/i.test(run.stdout))) {
        report.fail(
          SECTION,
          `node ${args.join(' ')} exited ${run.code}:\n${run.stdout}\n${run.stderr}`.slice(0, 2000),
        );
        return times;
      }
      times[name].push(run.ms);
    }
  report.raw.cli = times;
  return times;
}

function summarise(report, times, haveServer) {
  const node = median(times.node);
  const add = (row) => report.add({ section: SECTION, ...row });
  add({ name: 'node -e 0 (median)', value: node, unit: 'ms' });
  add({ name: 'zips --help (median)', value: median(times.help), unit: 'ms' });
  add({
    name: 'zips --help / node -e 0',
    value: median(times.help) / node,
    unit: 'x',
    goal: { op: '<=', target: 2 },
  });
  if (!haveServer) {
    add({ name: 'zips lookup 11215', value: 'not available yet', note: 'no built server or data/zips.json' });
    return;
  }
  if (times.lookup.length === 0) {
    add({ name: 'zips lookup 11215', value: 'failed', note: 'see the error below' });
    return;
  }
  add({ name: 'zips lookup 11215 --url (median)', value: median(times.lookup), unit: 'ms' });
  add({
    name: 'zips lookup / node -e 0',
    value: median(times.lookup) / node,
    unit: 'x',
    goal: { op: '<=', target: 3 },
  });
}
