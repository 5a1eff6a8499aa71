/** Which addresses a port listens on, read from /proc/net/tcp{,6} (Linux), as `ss -ltn` would show them. */
import { existsSync, readFileSync } from 'node:fs';

/** Whether this system has /proc/net/tcp to read. */
export const canReadSockets = existsSync('/proc/net/tcp');

/** Listening addresses of `port`, e.g. `['127.0.0.1']`, `['0.0.0.0']` or `['::']`. */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state] = [fields[1], fields[3]];
      if (local === undefined || state !== '0A') continue;
      const [hexAddress = '', hexPort = ''] = local.split(':');
      if (Number.parseInt(hexPort, 16) === port) found.push(decodeAddress(hexAddress));
    }
  }
  return found;
}

function decodeAddress(hex: string): string {
  if (hex.length === 8) {
    // IPv4 in /proc is little-endian: 0100007F is 127.0.0.1.
    return [6, 4, 2, 0].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join('.');
  }
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  if (hex.startsWith('0000000000000000FFFF0000')) return `::ffff:${decodeAddress(hex.slice(24))}`;
  return hex;
}
