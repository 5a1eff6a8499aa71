/** Questions about processes by pid, without trusting a pid blindly: pids are reused after a crash or reboot. */
import { existsSync, readFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive (and certainly not ours to stop).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether `pid` is alive and, where /proc tells us (Linux), runs a command line containing `marker` (the script
 * path zips started). On systems without /proc a live pid is taken as ours.
 */
export function isOurProcess(pid: number, marker: string | undefined): boolean {
  if (!isAlive(pid)) return false;
  if (!marker) return true;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch (error) {
    // No /proc at all (macOS): trust the live pid. /proc present but this pid's entry gone: it just exited.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync('/proc/self');
  }
  return cmdline.split('\0').some((part) => part.includes(marker));
}
