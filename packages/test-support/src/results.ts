/**
 * Where scenario figures go: a `RESULT {...}` diagnostic in the test output, and one JSON line appended to
 * `ZIPS_REL_OUT` (default `<tmp>/zips-reliability/results.ndjson`), which RELIABILITY.md is written from.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function resultsFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.ZIPS_REL_OUT || join(tmpdir(), 'zips-reliability', 'results.ndjson');
}

/** Records the figures of one scenario, with the machine load at the time they were taken. */
export function recordResult(
  diagnostic: (message: string) => void,
  scenario: string,
  figures: Record<string, unknown>,
): void {
  const entry = {
    scenario,
    at: new Date().toISOString(),
    loadavg1: Number(loadavg()[0]?.toFixed(2)),
    cpus: cpus().length,
    ...figures,
  };
  const line = JSON.stringify(entry);
  diagnostic(`RESULT ${line}`);
  const file = resultsFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${line}\n`);
}
