// One load run with autocannon against a server in another process, sampling the server's RSS meanwhile and
// reading the CPU time it used for the run.
import autocannon from 'autocannon';
import { cpuMicros, rssMb } from './child.js';

/**
 * @param {object} options
 * @param {string} options.url full URL to GET
 * @param {number} options.duration seconds
 * @param {number} options.connections
 * @param {number} [options.pid] server pid whose RSS is sampled every 250 ms and whose CPU time is read
 */
export async function runLoad({ url, duration, connections, pid }) {
  let peakRss = 0;
  const sampler = pid
    ? setInterval(() => {
        peakRss = Math.max(peakRss, rssMb(pid) || 0);
      }, 250)
    : undefined;
  const cpuBefore = pid ? cpuMicros(pid) : Number.NaN;
  try {
    const result = await autocannon({ url, duration, connections, timeout: 10 });
    const cpuUsed = pid ? cpuMicros(pid) - cpuBefore : Number.NaN;
    return {
      rps: result.requests.average,
      total: result.requests.total,
      p50: result.latency.p50,
      p99: result.latency.p99,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([k, v]) => [k, v.count])),
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
