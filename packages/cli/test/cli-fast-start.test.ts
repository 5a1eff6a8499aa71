/**
 * Fast start, checked structurally rather than by the clock: commands that neither draw nor talk to Docker must not
 * load Ink, React, dockerode or the OTel SDK, and the plain forms of `lookup` not even commander (its fast path).
 * Each command runs as a real process with a module-load logger.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { tempProject, zipsBin } from './support/cli-run.js';
import { cliDist } from './support/paths.js';

const moduleLogger = cliDist('test', 'support', 'cli-module-log.js');
const heavy = [
  '/node_modules/ink/',
  '/node_modules/react/',
  '/node_modules/dockerode/',
  '/node_modules/@opentelemetry/',
];

const commands: { argv: string[]; withoutCommander?: boolean }[] = [
  { argv: ['--help'] },
  { argv: ['--version'] },
  { argv: ['up', '--help'] },
  { argv: ['status'] },
  { argv: ['status', '--json'] },
  { argv: ['down'] },
  { argv: ['logs'] },
  { argv: ['lookup', '1'], withoutCommander: true },
  { argv: ['lookup', '11215', '--no-trace', '--url', 'http://127.0.0.1:9'], withoutCommander: true },
  { argv: ['lookup', '11215', '--url', 'http://127.0.0.1:9', '--json'], withoutCommander: true },
  { argv: ['lookup', '--help'] },
];

describe('fast start: light commands load no heavy packages', () => {
  for (const { argv, withoutCommander } of commands) {
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
        loaded.some((url) => url.endsWith('/dist/src/main.js')),
        'the logger saw the CLI load',
      );
      const avoided = withoutCommander ? [...heavy, '/node_modules/commander/', '/dist/src/cli.js'] : heavy;
      const offenders = loaded.filter((url) => avoided.some((part) => url.includes(part)));
      assert.deepEqual(offenders, []);
    });
  }
});
