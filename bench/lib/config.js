// Durations and sizes of one bench run. BENCH_QUICK=1 is a smoke run of every section (about a minute and a half).

const quick = process.env.BENCH_QUICK === '1';

function num(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw}: expected a positive number`);
  return value;
}

export const config = {
  quick,
  /** Seconds of load per (variant, endpoint, round). */
  duration: num('BENCH_DURATION', quick ? 1 : 4),
  /** Seconds of untimed load per variant before its first measured round. */
  warmup: num('BENCH_WARMUP', quick ? 0.5 : 3),
  rounds: num('BENCH_ROUNDS', quick ? 1 : 4),
  connections: num('BENCH_CONNECTIONS', 32),
  /** Runs per command in the CLI section (median reported). */
  cliRuns: num('BENCH_CLI_RUNS', quick ? 3 : 15),
  /** Requests timed in the time-to-row measurement. */
  rowRuns: num('BENCH_ROW_RUNS', quick ? 3 : 10),
  /** Server variants to run (a,b,c,d,e), e.g. BENCH_VARIANTS=b,c while working on the telemetry. */
  variants: (process.env.BENCH_VARIANTS || 'a,b,c,d,e').split(',').map((v) => v.trim()),
  /** Request mixes to run (fixed, uniform, zipf; bench/sections/server-variants.js), e.g. BENCH_MIXES=fixed. */
  mixes: (process.env.BENCH_MIXES || 'fixed,uniform,zipf').split(',').map((v) => v.trim()),
  /** Add --cpu-prof to variant (c) and summarise where its time goes. */
  cpuProf: process.env.BENCH_CPU_PROF === '1',
};
