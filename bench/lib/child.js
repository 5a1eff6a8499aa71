// Starts the processes under measurement and stops exactly those, by pid.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TAIL = 4000;

/**
 * @typedef {object} StartOptions
 * @property {string} name label used in errors
 * @property {string[]} args arguments to node
 * @property {Record<string, string>} [env] added to a copy of process.env
 * @property {string} [readyUrl] polled until it answers 2xx
 * @property {boolean} [readyJsonLine] wait for the first stdout line and parse it as JSON
 * @property {number} [timeoutMs] default 20000
 * @property {string} [cwd]
 */

/** @param {StartOptions} options */
export async function startNode(options) {
  const { name, args, env = {}, readyUrl, readyJsonLine, timeoutMs = 20_000, cwd } = options;
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  proc.stdout.setEncoding('utf8').on('data', (s) => {
    out.stdout = (out.stdout + s).slice(-TAIL);
  });
  proc.stderr.setEncoding('utf8').on('data', (s) => {
    out.stderr = (out.stderr + s).slice(-TAIL);
  });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const child = {
    name,
    pid: proc.pid,
    output: out,
    exited,
    rssMb: () => rssMb(proc.pid),
    stop: () => stop(proc, exited),
  };
  const deadline = Date.now() + timeoutMs;
  let ready;
  try {
    ready = await Promise.race([
      readyJsonLine ? firstJsonLine(out, deadline) : pollReady(readyUrl, deadline),
      exited.then(({ code, signal }) => {
        throw new Error(`exited early (code ${code}, signal ${signal})`);
      }),
    ]);
  } catch (error) {
    await child.stop();
    throw new Error(
      `${name}: not ready: ${error.message}\nstderr tail:\n${out.stderr}\nstdout tail:\n${out.stdout}`,
    );
  }
  return { ...child, ready };
}

async function pollReady(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // Not listening yet: keep polling until the deadline.
    }
    await sleep(50);
  }
  throw new Error(`${url} did not answer 2xx in time`);
}

async function firstJsonLine(out, deadline) {
  while (Date.now() < deadline) {
    const newline = out.stdout.indexOf('\n');
    if (newline >= 0) return JSON.parse(out.stdout.slice(0, newline));
    await sleep(20);
  }
  throw new Error('no JSON line on stdout in time');
}

async function stop(proc, exited) {
  if (proc.exitCode !== null || proc.signalCode !== null) return exited;
  proc.kill('SIGTERM');
  const result = await Promise.race([exited, sleep(10_000).then(() => null)]);
  if (result) return result;
  proc.kill('SIGKILL');
  return exited;
}

/** Resident set size from /proc (Linux), in MB; NaN once the process is gone. */
export function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

// /proc/<pid>/stat counts CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space.
const TICK_US = 10_000;

/** CPU time (user + system) a process has used so far, from /proc (Linux), in µs; NaN once it is gone. */
export function cpuMicros(pid) {
  try {
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return Number.NaN;
  }
}
