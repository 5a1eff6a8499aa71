// One load run with autocannon against a server in another process, sampling the server's RSS meanwhile and
// reading the CPU time it used for the run.
import autocannon from 'autocannon';
import { cpuMicros, rssMb } from './child.js';
import { percentile } from './timed-exec.js';

/**
 * @typedef {object} RequestMix parallel lists: the i-th path and the status it must answer (bench/src/request-mix.ts)
 * @property {string[]} paths
 * @property {number[]} statuses
 */

/**
 * @param {object} options
 * @param {string} options.url full URL to GET, or the base URL when `mix` is given
 * @param {RequestMix} [options.mix] paths to GET in turn (from the first, wrapping around), shared by all connections
 * @param {number} options.duration seconds
 * @param {number} options.connections
 * @param {number} [options.pid] server pid whose RSS is sampled every 250 ms and whose CPU time is read
 */
export async function runLoad({ url, mix, duration, connections, pid }) {
  let peakRss = 0;
  const sampler = pid
    ? setInterval(() => {
        peakRss = Math.max(peakRss, rssMb(pid) || 0);
      }, 250)
    : undefined;
  const walk = mix ? walkMix(mix) : undefined;
  const cpuBefore = pid ? cpuMicros(pid) : Number.NaN;
  try {
    const run = autocannon({
      url,
      duration,
      connections,
      timeout: 10,
      ...(walk ? { requests: [{ method: 'GET', setupRequest: walk.next }] } : {}),
    });
    // autocannon's own histogram keeps whole milliseconds (and 2xx only): at p50 ≈ 1-3 ms that is too coarse for
    // "p99 within 3x p50", so every response's time (ms, fractional, any status) is kept here instead.
    const latencies = [];
    run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
    const result = await run;
    latencies.sort((x, y) => x - y);
    const cpuUsed = pid ? cpuMicros(pid) - cpuBefore : Number.NaN;
    return {
      rps: result.requests.average,
      total: result.requests.total,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
      // For a mix: how many of each status the requests sent should have had (requests still in flight when the
      // run stopped are counted here but have no response: at most one per connection).
      sentStatusCodes: walk?.sentStatusCodes,
      errors: result.errors,
      timeouts: result.timeouts,
      peakRssMb: peakRss || undefined,
      rssAfterMb: pid ? rssMb(pid) : undefined,
      // Server CPU (user + system, the kernel's socket work included) per request answered, in µs.
      cpuUsPerRequest: result.requests.total > 0 ? cpuUsed / result.requests.total : undefined,
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * One cursor over the mix for every connection (autocannon would otherwise start each connection at the first
 * path, so all of them would ask for the same ZIP at once). The request is rebuilt for each path: a few µs of
 * the load generator's CPU per request, the same for every variant.
 * @param {RequestMix} mix
 */
function walkMix({ paths, statuses }) {
  let cursor = 0;
  const sentStatusCodes = {};
  return {
    sentStatusCodes,
    next(request) {
      const i = cursor++ % paths.length;
      sentStatusCodes[statuses[i]] = (sentStatusCodes[statuses[i]] ?? 0) + 1;
      return { ...request, path: paths[i] };
    },
  };
}
