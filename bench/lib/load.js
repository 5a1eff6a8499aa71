// One load run with autocannon against a server in another process, sampling the server's RSS meanwhile.
import autocannon from 'autocannon';
import { rssMb } from './child.js';

/**
 * @param {object} options
 * @param {string} options.url full URL to GET
 * @param {number} options.duration seconds
 * @param {number} options.connections
 * @param {number} [options.pid] server pid whose RSS is sampled every 250 ms
 */
export async function runLoad({ url, duration, connections, pid }) {
  let peakRss = 0;
  const sampler = pid
    ? setInterval(() => {
        peakRss = Math.max(peakRss, rssMb(pid) || 0);
      }, 250)
    : undefined;
  try {
    const result = await autocannon({ url, duration, connections, timeout: 10 });
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
    };
  } finally {
    clearInterval(sampler);
  }
}
