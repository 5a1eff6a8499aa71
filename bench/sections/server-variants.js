// The four servers of the issue-2 benchmark, as node command lines over the same data/zips.json.

import { readFileSync } from 'node:fs';

const MAIN = 'packages/server/dist/src/main.js';
const REGISTER = './packages/server/dist/src/telemetry/register.js';

/**
 * The node flags every zips launcher uses (`zips.nodeFlags` in the server's package.json: V8 heap caps). They go
 * to (b), (c) and (d) alike, so that c/b and c/d compare telemetry and nothing else.
 */
export function serverNodeFlags() {
  const pkg = JSON.parse(readFileSync('packages/server/package.json', 'utf8'));
  return pkg.zips?.nodeFlags ?? [];
}

function gNodeFlags() {
  return (process.env.BENCH_G_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
}

/** Environment shared by every variant; the parent's OTEL_* variables are dropped so each variant is explicit. */
export function baseEnv(port) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OTEL_')));
  return { ...env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' };
}

/**
 * @param {string} sinkUrl base URL of the OTLP sink; each variant exports under its own path prefix
 * @param {{ cpuProfDir?: string }} options
 * @returns {{ id: string, label: string, args: string[], env: Record<string, string>, routes?: string[] }[]}
 *   `routes`: the routes of the loads the variant runs (all when absent)
 */
export function serverVariants(sinkUrl, { cpuProfDir } = {}) {
  const prof = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const flags = serverNodeFlags();
  return [
    { id: 'a', label: '(a) raw node:http + Map', args: ['bench/raw-server.js'], env: {} },
    { id: 'b', label: '(b) zips, telemetry off', args: [...flags, MAIN], env: { OTEL_SDK_DISABLED: 'true' } },
    {
      id: 'c',
      label: '(c) zips + its telemetry',
      args: [...flags, ...prof, '--import', REGISTER, MAIN],
      env: { OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_ENDPOINT: `${sinkUrl}/c` },
    },
    {
      // Issue 15: what the switch for the stock instrumentations costs when a user turns on outgoing HTTP spans.
      // The app makes no outgoing call, so this is the price of having it loaded; JSON routes only.
      id: 'e',
      label: '(e) (c) + OTEL_NODE_ENABLED_INSTRUMENTATIONS=http',
      args: [...flags, '--import', REGISTER, MAIN],
      env: {
        OTEL_TRACES_SAMPLER: 'always_on',
        OTEL_EXPORTER_OTLP_ENDPOINT: `${sinkUrl}/e`,
        OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http',
      },
      routes: ['json'],
    },
    {
      // Not in the default set: (c) with other node flags than zips.nodeFlags, to show what those flags do to
      // tail latency and RSS. BENCH_G_NODE_FLAGS (space-separated) gives them; unset, V8's defaults.
      id: 'g',
      label: `(g) (c) with node flags: ${gNodeFlags().join(' ') || "none (V8's defaults)"}`,
      args: [...gNodeFlags(), '--import', REGISTER, MAIN],
      env: { OTEL_TRACES_SAMPLER: 'always_on', OTEL_EXPORTER_OTLP_ENDPOINT: `${sinkUrl}/g` },
    },
    {
      id: 'd',
      label: '(d) stock auto-instrumentations-node/register',
      args: [...flags, '--import', '@opentelemetry/auto-instrumentations-node/register', MAIN],
      // Defaults otherwise; only the cloud resource detectors are left out so no metadata request leaves the machine.
      env: {
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: `${sinkUrl}/d`,
        OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
      },
    },
  ];
}

/**
 * What each run sends. `fixed`: one path, every response must have `status` (issue 2). `uniform` and `zipf`: a
 * list of paths drawn from every ZIP code of the dataset (bench/src/request-mix.ts), with about 1 % unknown
 * (404) and 0.5 % malformed (400) codes, on the JSON and the HTML route (issue 15).
 * @type {{ key: string, mix: 'fixed' | 'uniform' | 'zipf', route: 'json' | 'html', path?: string, status?: number }[]}
 */
export const LOADS = [
  { key: '/zips/11215', mix: 'fixed', route: 'json', path: '/zips/11215', status: 200 },
  { key: '/11215', mix: 'fixed', route: 'html', path: '/11215', status: 200 },
  { key: '/zips/00000', mix: 'fixed', route: 'json', path: '/zips/00000', status: 404 },
  { key: 'uniform /zips/<zip>', mix: 'uniform', route: 'json' },
  { key: 'uniform /<zip>', mix: 'uniform', route: 'html' },
  { key: 'zipf /zips/<zip>', mix: 'zipf', route: 'json' },
  { key: 'zipf /<zip>', mix: 'zipf', route: 'html' },
];
