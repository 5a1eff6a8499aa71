/**
 * The generated compose files parsed by the real `docker-compose config` (Debian's v1.29, PyYAML: the strictest
 * reader we must satisfy), for every target combination and both layouts. Skips when the binary is absent.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { COLLECTOR_CONTRIB_IMAGE } from '@zips/collector-config';
import { parse } from 'yaml';
import { defaultStackOptions, JAEGER_IMAGE, renderStackFiles, writeStackFiles } from '../src/stack/index.js';
import { targetCombinations } from './support/stack-files.js';

const run = promisify(execFile);

async function composeBinary(): Promise<string | undefined> {
  try {
    await run('docker-compose', ['version'], { timeout: 20_000 });
    return 'docker-compose';
  } catch {
    // Absence is the expected case on machines without Docker tooling: the suite skips with a message.
    return undefined;
  }
}

const binary = await composeBinary();
const workDirs: string[] = [];
after(async () => Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Writes the stack into a scratch repository and returns `docker-compose config` as parsed YAML. */
async function composeConfig(
  outDir: string,
  targets = defaultStackOptions().targets,
  env: NodeJS.ProcessEnv = {},
) {
  const root = await mkdtemp(join(tmpdir(), 'zips-stack-'));
  workDirs.push(root);
  await writeFile(join(root, 'Dockerfile'), 'FROM scratch\n');
  await writeStackFiles(root, renderStackFiles({ ...defaultStackOptions(), targets }, { outDir }));
  const composeFile = join(root, outDir, 'docker-compose.yml');
  const { stdout } = await run(binary ?? 'docker-compose', ['-p', 'zips', '-f', composeFile, 'config'], {
    cwd: root,
    timeout: 60_000,
    env: { PATH: process.env.PATH, ...env },
  });
  return { root, config: parse(stdout) as { services: Record<string, Record<string, unknown>> } };
}

function service(config: { services: Record<string, Record<string, unknown>> }, name: string) {
  const found = config.services[name];
  assert.ok(found, `service ${name} is in the resolved configuration`);
  return found;
}

describe('docker-compose config accepts the generated files', {
  skip: binary ? false : 'docker-compose is not installed (apt-get install docker-compose)',
}, () => {
  test('defaults resolve to the repository root as build context and mount the collector config', async () => {
    for (const outDir of ['.', '.zips/stack']) {
      const { root, config } = await composeConfig(outDir);
      assert.deepEqual(Object.keys(config.services).sort(), [
        'jaeger',
        'otel-collector',
        'otel-collector-queue-owner',
        'zips',
      ]);
      assert.equal((service(config, 'zips').build as { context: string }).context, root);
      assert.deepEqual(config.services['otel-collector']?.volumes, [
        `${join(root, outDir, 'otel-collector.yaml')}:/etc/otelcol-contrib/config.yaml:ro`,
        'otel-collector-queue:/var/lib/otelcol/file_storage:rw',
      ]);
      assert.deepEqual(config.services.zips?.ports, ['127.0.0.1:5000:5000/tcp']);
    }
  });

  test('ZIPS_BASE_IMAGE reaches the build argument', async () => {
    const { config } = await composeConfig('.', undefined, { ZIPS_BASE_IMAGE: 'zips-base:local' });
    assert.deepEqual((service(config, 'zips').build as { args: unknown }).args, {
      BASE_IMAGE: 'zips-base:local',
    });
  });

  test('ZIPS_COLLECTOR_IMAGE and ZIPS_JAEGER_IMAGE replace the official images; unset, the pins stay', async () => {
    const images = (config: Awaited<ReturnType<typeof composeConfig>>['config']) => [
      service(config, 'otel-collector').image,
      service(config, 'jaeger').image,
    ];
    const local = await composeConfig('.', undefined, {
      ZIPS_COLLECTOR_IMAGE: 'zips-otelcol-contrib:0.160.0',
      ZIPS_JAEGER_IMAGE: 'zips-jaeger:2.12.0',
    });
    assert.deepEqual(images(local.config), ['zips-otelcol-contrib:0.160.0', 'zips-jaeger:2.12.0']);
    const pinned = await composeConfig('.', undefined, { ZIPS_COLLECTOR_IMAGE: '', ZIPS_JAEGER_IMAGE: '' });
    assert.deepEqual(images(pinned.config), [COLLECTOR_CONTRIB_IMAGE, JAEGER_IMAGE]);
  });

  test('the Lightstep token comes from the environment, and is empty when unset', async () => {
    const withToken = await composeConfig(
      '.',
      { lightstep: true },
      { LIGHTSTEP_ACCESS_TOKEN: 'token-from-env' },
    );
    assert.deepEqual(withToken.config.services['otel-collector']?.environment, {
      LIGHTSTEP_ACCESS_TOKEN: 'token-from-env',
    });
    const without = await composeConfig('.', { lightstep: true });
    assert.deepEqual(without.config.services['otel-collector']?.environment, { LIGHTSTEP_ACCESS_TOKEN: '' });
  });

  // Each target alone, all of them together and the variants; the schema test covers every combination.
  const combinations = targetCombinations().filter(
    ({ name }) => !name.includes('+') || name.split('+').length === 4,
  );
  for (const { name, targets } of combinations) {
    test(`targets ${name}`, async () => {
      const { config } = await composeConfig('.zips/stack', targets);
      assert.equal('jaeger' in config.services, targets.jaeger === true);
    });
  }
});
