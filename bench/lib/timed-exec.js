import { execFile } from 'node:child_process';

/**
 * Wall time of one node process from spawn to exit, in ms, with its output.
 * @param {string[]} args arguments to node
 * @param {{ env?: Record<string, string>, cwd?: string }} [options]
 */
export function timedNode(args, { env, cwd } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    execFile(process.execPath, args, { env, cwd, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ ms: performance.now() - started, code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

export function median(xs) {
  const sorted = [...xs].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The value at quantile `q` (0-1) of ascending `sorted`, nearest rank; NaN when empty. */
export function percentile(sorted, q) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
