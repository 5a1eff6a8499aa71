/**
 * Hands the lookup's CLIENT span to a detached process that exports it, so `zips lookup` does not spend ~200 ms
 * loading the OTel SDK before it can exit. The outcome is logged to `<state dir>/logs/cli.log`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnDaemon } from '../../process/spawn-daemon.js';
import type { ClientSpanRecord } from './client-span.js';

export function exportInBackground(record: ClientSpanRecord, logDir: string): string {
  const logFile = join(logDir, 'cli.log');
  spawnDaemon({
    name: 'span exporter',
    command: process.execPath,
    args: [fileURLToPath(new URL('./export-span-main.js', import.meta.url))],
    cwd: logDir,
    env: { ...process.env, ZIPS_SPAN_RECORD: JSON.stringify(record) },
    logFile,
  });
  return logFile;
}
