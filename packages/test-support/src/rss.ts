import { readFileSync } from 'node:fs';

/** Resident set size of `pid` in MiB (`VmRSS` of /proc/<pid>/status), or undefined when it cannot be read. */
export function rssMiB(pid: number): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch (error) {
    // The process is gone, or there is no /proc (not Linux): no figure rather than a failed scenario.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
}
