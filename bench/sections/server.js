// Issue 2: throughput, latency and RSS of the zips server with and without telemetry, next to a raw ceiling
// and the stock auto-instrumentation recipe, interleaved in one run.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { startNode } from '../lib/child.js';
import { config } from '../lib/config.js';
import { summariseCpuProfile } from '../lib/cpu-profile-summary.js';
import { freePort } from '../lib/free-port.js';
import { runLoad } from '../lib/load.js';
import { median } from '../lib/timed-exec.js';
import { baseEnv, ENDPOINTS, serverNodeFlags, serverVariants } from './server-variants.js';

const SECTION = 'server (issue 2)';
const NEEDED = {
  a: ['data/zips.json'],
  b: ['packages/server/dist/src/main.js', 'data/zips.json'],
  c: ['packages/server/dist/src/main.js', 'packages/server/dist/src/telemetry/register.js', 'data/zips.json'],
  d: ['packages/server/dist/src/main.js', 'data/zips.json'],
};
const PROF_DIR = 'bench/results/prof';

/** @param {import('../lib/report.js').Report} report */
export async function benchServer(report) {
  const missing = [
    ...new Set(config.variants.flatMap((id) => NEEDED[id] ?? [`a variant named ${id}`])),
  ].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    report.add({
      section: SECTION,
      name: 'server benchmark',
      value: 'not available yet',
      note: `missing ${missing.join(', ')}`,
    });
    return;
  }
  if (config.cpuProf) {
    rmSync(PROF_DIR, { recursive: true, force: true });
    mkdirSync(PROF_DIR, { recursive: true });
  }
  const sink = await startNode({ name: 'otlp-sink', args: ['bench/otlp-sink.js'], readyJsonLine: true });
  const variants = serverVariants(`http://127.0.0.1:${sink.ready.port}`, {
    cpuProfDir: config.cpuProf ? PROF_DIR : undefined,
  }).filter((v) => config.variants.includes(v.id));
  report.note(
    SECTION,
    [
      `${variants.map((v) => v.label).join('; ')}.`,
      `autocannon, ${config.connections} connections, ${config.rounds} interleaved round(s) of ${config.duration} s per variant and endpoint after ${config.warmup} s warm-up, medians over rounds; NODE_ENV=production.`,
      `(b), (c), (d): the server's node flags (zips.nodeFlags): ${serverNodeFlags().join(' ') || 'none'}.`,
      '(c): OTEL_TRACES_SAMPLER=always_on; (c) and (d) export OTLP/HTTP with their default protocol to a local sink (bench/otlp-sink.js).',
      '(d): OTEL_NODE_RESOURCE_DETECTORS=env,host,os,process so no cloud metadata request leaves the machine; otherwise defaults.',
    ].join('\n'),
  );
  const servers = new Map();
  try {
    // Started together (start-up is not measured); a failed start still leaves the others to be stopped below.
    const started = await Promise.allSettled(variants.map(startVariant));
    for (const [i, result] of started.entries())
      if (result.status === 'fulfilled') servers.set(variants[i].id, result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    await compareBodies(report, servers);
    const runs = await measure(servers);
    // SIGTERM makes (c) and (d) flush what they buffered before the sink is read.
    for (const server of servers.values()) server.exit = await server.stop();
    const sinkStats = await (await fetch(`http://127.0.0.1:${sink.ready.port}/stats`)).json();
    summarise(report, variants, servers, runs, sinkStats);
    if (config.cpuProf && servers.has('c')) cpuProfile(report);
  } finally {
    for (const server of servers.values()) await server.stop();
    await sink.stop();
  }
}

async function startVariant(variant) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = await startNode({
    name: variant.label,
    args: variant.args,
    env: { ...baseEnv(port), ...variant.env },
    readyUrl: `${url}/readyz`,
  });
  return { ...child, variant, url, requestsSent: 0, rssIdleMb: child.rssMb() };
}

/** (a) must answer what (b) answers, or the ceiling is not a ceiling of the same work. */
async function compareBodies(report, servers) {
  if (!servers.has('a') || !servers.has('b')) return;
  const get = async (id) => (await fetch(`${servers.get(id).url}/zips/11215`)).json();
  const [a, b] = await Promise.all([get('a'), get('b')]);
  const same = JSON.stringify(a) === JSON.stringify(b);
  report.raw.serverBodies = { a, b };
  if (!same)
    report.fail(SECTION, `(a) and (b) answer different JSON for /zips/11215: ${JSON.stringify({ a, b })}`);
}

async function measure(servers) {
  const load = async (server, path, duration) => {
    const result = await runLoad({
      url: server.url + path,
      duration,
      connections: config.connections,
      pid: server.pid,
    });
    server.requestsSent += result.total;
    return result;
  };
  for (const server of servers.values())
    for (const { path } of ENDPOINTS) await load(server, path, config.warmup / ENDPOINTS.length);
  const runs = [];
  const ids = [...servers.keys()];
  for (let round = 0; round < config.rounds; round++) {
    // Rotating the order each round keeps "who ran right after whom" from favouring one variant.
    const order = ids.map((_, i) => ids[(i + round) % ids.length]);
    for (const { path, status } of ENDPOINTS)
      for (const id of order) {
        process.stderr.write(`  server: round ${round + 1}/${config.rounds} ${id} ${path}\n`);
        runs.push({
          round,
          id,
          path,
          expected: status,
          ...(await load(servers.get(id), path, config.duration)),
        });
      }
  }
  return runs;
}

function summarise(report, variants, servers, runs, sinkStats) {
  report.raw.server = {
    config,
    runs,
    sink: sinkStats,
    exits: Object.fromEntries([...servers].map(([k, s]) => [k, s.exit])),
  };
  const cells = [];
  for (const v of variants) {
    for (const { path } of ENDPOINTS) {
      const mine = runs.filter((r) => r.id === v.id && r.path === path);
      // Medians over rounds: a neighbour's burst on the shared machine spoils one round, not the figure.
      const fig = {
        rps: median(mine.map((r) => r.rps)),
        p50: median(mine.map((r) => r.p50)),
        p99: median(mine.map((r) => r.p99)),
        cpu: median(mine.map((r) => r.cpuUsPerRequest ?? Number.NaN)),
      };
      const rps = mine.map((r) => r.rps);
      const peak = Math.max(...mine.map((r) => r.peakRssMb ?? 0));
      cells.push([
        v.label,
        path,
        fig.rps.toFixed(0),
        `${Math.min(...rps).toFixed(0)}-${Math.max(...rps).toFixed(0)}`,
        fig.p50.toFixed(1),
        fig.p99.toFixed(1),
        fig.cpu.toFixed(1),
        peak.toFixed(0),
      ]);
    }
  }
  report.table(
    SECTION,
    ['variant', 'endpoint', 'req/s', 'rounds range', 'p50 ms', 'p99 ms', 'CPU µs/req', 'peak RSS MB'],
    cells,
  );
  checkResponses(report, runs);
  checkExits(report, servers);
  ratios(report, runs);
  memory(report, variants, servers, runs);
  traced(report, servers, sinkStats);
}

function checkResponses(report, runs) {
  const bad = runs.filter(
    (r) =>
      r.errors > 0 ||
      r.timeouts > 0 ||
      Object.keys(r.statusCodes).some((code) => Number(code) !== r.expected),
  );
  const detail = bad
    .map((r) => `${r.id} ${r.path}: ${JSON.stringify(r.statusCodes)} errors=${r.errors}`)
    .join('; ');
  report.add({
    section: SECTION,
    name: 'runs with unexpected status, errors or timeouts',
    value: bad.length,
    goal: { op: '<=', target: 0 },
    note: detail || 'every response had the expected status',
  });
}

/** Every server must stop on SIGTERM with exit code 0 (issue 2), (c) and (d) after flushing their spans. */
function checkExits(report, servers) {
  const unclean = [...servers.values()].filter((s) => s.exit?.code !== 0);
  report.add({
    section: SECTION,
    name: 'servers not exiting 0 on SIGTERM after the load',
    value: unclean.length,
    goal: { op: '<=', target: 0 },
    note: unclean
      .map((s) => `${s.variant.label}: ${JSON.stringify(s.exit)} ${s.output.stderr.slice(-300)}`)
      .join('; '),
  });
}

/**
 * Each ratio is the median over rounds of the ratio within a round: the two variants it compares ran minutes
 * apart at worst, seconds apart at best, so a slow drift of the shared machine's load cancels out.
 */
function ratios(report, runs) {
  for (const { path } of ENDPOINTS) {
    const rounds = [...new Set(runs.map((r) => r.round))];
    // `field` of each variant's run in one round, in the order a, b, c, d.
    const ratio = (f, field = 'rps') =>
      median(
        rounds.map((round) =>
          f(
            ...['a', 'b', 'c', 'd'].map(
              (id) =>
                runs.find((r) => r.id === id && r.path === path && r.round === round)?.[field] ?? Number.NaN,
            ),
          ),
        ),
      );
    const add = (name, value, goal, note) => {
      if (!Number.isNaN(value))
        report.add({ section: SECTION, name: `${name} ${path}`, value, unit: 'x', goal, note });
    };
    add(
      'b/a throughput',
      ratio((a, b) => b / a),
      { op: '>=', target: 0.4 },
    );
    add(
      'c/b throughput',
      ratio((_a, b, c) => c / b),
    );
    add(
      'd/b throughput',
      ratio((_a, b, _c, d) => d / b),
    );
    add(
      'c/d throughput',
      ratio((_a, _b, c, d) => c / d),
      { op: '>=', target: 2 },
      "the issue's goal as written",
    );
    add(
      'cost ratio (1-d/b)/(1-c/b)',
      // (c) measured no slower than (b): its cost is within noise, so any cost of (d) is infinitely more.
      ratio((_a, b, c, d) => (c >= b ? Number.POSITIVE_INFINITY : (1 - d / b) / (1 - c / b))),
      { op: '>=', target: 2 },
      'stricter reading of "twice as cheap": throughput lost to (d) over lost to (c)',
    );
    add(
      'server CPU per request d/c',
      ratio((_a, _b, c, d) => d / c, 'cpuUsPerRequest'),
      { op: '>=', target: 2 },
      '"twice as cheap" read as the CPU each request costs the server (user + system)',
    );
  }
}

function memory(report, variants, servers, runs) {
  for (const v of variants) {
    const mine = runs.filter((r) => r.id === v.id);
    const peak = Math.max(...mine.map((r) => r.peakRssMb ?? 0));
    const after = mine.at(-1)?.rssAfterMb ?? Number.NaN;
    const server = servers.get(v.id);
    report.add({
      section: SECTION,
      name: `RSS ${v.label.split(' ')[0]} peak under load`,
      value: peak,
      unit: 'MB',
      goal: v.id === 'c' ? { op: '<=', target: 200 } : undefined,
      note: `after its last load ${after.toFixed(0)} MB, idle after start ${server.rssIdleMb.toFixed(0)} MB`,
    });
  }
}

/** A telemetry variant that exports nothing would look fast: require what the issue requires of every request. */
function traced(report, servers, sinkStats) {
  for (const id of ['c', 'd'].filter((v) => servers.has(v))) {
    const got = sinkStats[`/${id}`] ?? { spans: 0, serverSpans: 0, names: {}, errors: 0 };
    const sent = servers.get(id).requestsSent;
    const top = Object.entries(got.names)
      .sort((x, y) => y[1] - x[1])
      .slice(0, 5)
      .map(([n, c]) => `${n}: ${c}`)
      .join(', ');
    const label = id === 'c' ? '(c)' : '(d)';
    report.add({
      section: SECTION,
      name: `${label} server spans received / requests sent`,
      value: got.serverSpans / sent,
      goal: id === 'c' ? { op: '>=', target: 1 } : undefined,
      note: `${got.serverSpans} / ${sent}`,
    });
    report.add({
      section: SECTION,
      name: `${label} spans per request`,
      value: got.spans / sent,
      goal: id === 'c' ? { op: '>=', target: 2 } : undefined,
      note: `${got.requests ?? 0} exports, ${((got.bytes ?? 0) / 1e6).toFixed(1)} MB, undecodable ${got.errors}; ${top}`,
    });
  }
}

function cpuProfile(report) {
  // The loader-hooks worker thread writes a profile too; the main thread's is the big one.
  const files = readdirSync(PROF_DIR)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => `${PROF_DIR}/${f}`)
    .sort((x, y) => statSync(y).size - statSync(x).size);
  if (files.length === 0) return report.fail(SECTION, `BENCH_CPU_PROF=1 but no profile in ${PROF_DIR}`);
  const summary = summariseCpuProfile(files[0], 15);
  summary.file = files[0];
  report.raw.cpuProfileC = summary;
  report.table(
    `${SECTION}: (c) CPU profile, top self time`,
    ['function', 'where', 'self %'],
    summary.top.map((t) => [t.name, t.where, t.selfPct.toFixed(1)]),
  );
  report.table(
    `${SECTION}: (c) CPU profile, busy time by package (Node built-ins charged to the package that called them)`,
    ['package', 'busy %'],
    summary.owners.map((o) => [o.owner, o.pct.toFixed(1)]),
  );
  report.add({
    section: `${SECTION}: (c) CPU profile, busy time by package (Node built-ins charged to the package that called them)`,
    name: 'busy time charged to OpenTelemetry packages (incl. start-up)',
    value: summary.telemetryPct,
    unit: '%',
    note: summary.file,
  });
}
