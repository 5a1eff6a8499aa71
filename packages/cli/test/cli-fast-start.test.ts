/**
 * Fast start, checked structurally rather than by the clock: commands that neither draw nor talk to Docker must not
 * load Ink, React, dockerode or the OTel SDK. Each command runs as a real process with a module-load logger.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { tempProject, zipsBin } from './cli-run.js';

const moduleLogger = fileURLToPath(new URL('./cli-module-log.js', import.meta.url));
const heavy = [
  '/node_modules/ink/',
  '/node_modules/react/',
  '/node_modules/dockerode/',
  '/node_modules/@opentelemetry/',
];

const commands: { argv: string[]; allowed?: string[] }[] = [
  { argv: ['--help'] },
  { argv: ['--version'] },
  { argv: ['up', '--help'] },
  { argv: ['status'] },
  { argv: ['status', '--json'] },
  { argv: ['down'] },
  { argv: ['logs'] },
  { argv: ['lookup', '1'] },
  { argv: ['lookup', '11215', '--no-trace', '--url', 'http://127.0.0.1:9'] },
];

describe('fast start: light commands load no heavy packages', () => {
  for (const { argv } of commands) {
    it(`zips ${argv.join(' ')}`, async () => {
      await using project = await tempProject();
      const log = join(project.dir, 'modules.log');
      await execa(process.execPath, ['--import', moduleLogger, zipsBin, ...argv], {
        cwd: project.dir,
        env: { ZIPS_ROOT: project.dir, ZIPS_TEST_MODULE_LOG: log, CI: 'true' },
        reject: false,
        timeout: 30_000,
      });
      const loaded = (await readFile(log, 'utf8')).split('\n');
      assert.ok(
        loaded.some((url) => url.endsWith('/dist/src/cli.js')),
        'the logger saw the CLI load',
      );
      const offenders = loaded.filter((url) => heavy.some((part) => url.includes(part)));
      assert.deepEqual(offenders, []);
    });
  }
});
