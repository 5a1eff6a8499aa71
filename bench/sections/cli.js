// Issue 4: start-up cost of the CLI next to a bare `node -e 0`, measured alternately in the same run.
import { existsSync } from 'node:fs';
import { startNode } from '../lib/child.js';
import { config } from '../lib/config.js';
import { freePort } from '../lib/free-port.js';
import { median, timedNode } from '../lib/timed-exec.js';
import { baseEnv } from './server-variants.js';

const SECTION = 'cli (issue 4)';
const CLI = 'packages/cli/bin/zips.js';
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
    const times = await timeAlternately(report, commands, env);
    summarise(report, times, Boolean(server));
  } finally {
    await sink.stop();
    await server?.stop();
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

async function timeAlternately(report, commands, env) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  // One untimed pass fills the OS file cache so the first timed run is not an outlier.
  for (const args of Object.values(commands)) await timedNode(args, env);
  for (let i = 0; i < config.cliRuns; i++)
    for (const [name, args] of Object.entries(commands)) {
      const run = await timedNode(args, env);
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
  add({ name: 'zips lookup 11215 --url (median)', value: median(times.lookup), unit: 'ms' });
  add({
    name: 'zips lookup / node -e 0',
    value: median(times.lookup) / node,
    unit: 'x',
    goal: { op: '<=', target: 3 },
  });
}
