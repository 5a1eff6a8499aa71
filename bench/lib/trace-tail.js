// `zips traces --tail --json` as a child process, noting when each trace id's NDJSON line arrives.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @param {string} cli path of bin/zips.js
 * @param {string} endpoint query API base URL
 * @param {string} cwd a directory outside any zips project, so no stack state is picked up
 */
export function startTraceTail(cli, endpoint, cwd) {
  const proc = spawn(process.execPath, [cli, 'traces', '--tail', '--json', '--endpoint', endpoint], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  /** @type {{ traceId: string, at: number }[]} every line, with performance.now() when it was read */
  const lines = [];
  let stderr = '';
  let buffered = '';
  proc.stderr.setEncoding('utf8').on('data', (s) => {
    stderr = (stderr + s).slice(-2000);
  });
  proc.stdout.setEncoding('utf8').on('data', (s) => {
    const at = performance.now();
    buffered += s;
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) {
      const traceId = /"traceId"\s*:\s*"([0-9a-f]+)"/.exec(line)?.[1];
      if (traceId) lines.push({ traceId, at });
    }
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return {
    /** How many lines were read so far: pass it to {@link waitForLine} before causing the next trace. */
    get count() {
      return lines.length;
    },
    /**
     * Waits for the first line after the first `from` lines whose trace id is not in `ignore`.
     * @returns {Promise<number>} when it was read (performance.now())
     */
    async waitForLine(from, ignore, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        const line = lines.slice(from).find((l) => !ignore.has(l.traceId));
        if (line) return line.at;
        if (proc.exitCode !== null) throw new Error(`zips traces --tail exited ${proc.exitCode}: ${stderr}`);
        await sleep(5);
      }
      throw new Error(`zips traces --tail printed no new line within ${timeoutMs} ms; stderr: ${stderr}`);
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
    },
  };
}
