/**
 * `config()` (the `zips config` command) run in a real child process against a scratch repository: what it
 * prints, writes and reports, and the typed errors it throws (rendered by the child as JSON on stderr).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { ConfigOptions } from '../src/commands/config.js';

const run = promisify(execFile);
const commandModule = new URL('../src/commands/config.js', import.meta.url).href;
let repo = '';

before(async () => {
  repo = await mkdtemp(join(tmpdir(), 'zips-config-'));
  await writeFile(
    join(repo, 'package.json'),
    JSON.stringify({ name: 'scratch', workspaces: ['packages/*'] }),
  );
  await mkdir(join(repo, 'packages', 'deep'), { recursive: true });
});
after(async () => rm(repo, { recursive: true, force: true }));

/** Runs config(options) in a child; a thrown error becomes {name, message, hint, exitCode} on stderr. */
async function zipsConfig(options: ConfigOptions, env: NodeJS.ProcessEnv = {}) {
  const script = `
    const { config } = await import(${JSON.stringify(commandModule)});
    try { await config(${JSON.stringify(options)}); }
    catch (error) {
      process.stderr.write(JSON.stringify({ name: error.name, message: error.message, hint: error.hint, exitCode: error.exitCode }));
      process.exitCode = error.exitCode ?? 1;
    }`;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: options.cwd ?? repo,
      env: { PATH: process.env.PATH, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, error: stderr ? JSON.parse(stderr) : undefined };
  } catch (failure) {
    const { code, stdout, stderr } = failure as { code: number; stdout: string; stderr: string };
    return {
      code,
      stdout,
      error: JSON.parse(stderr) as { name: string; message: string; hint?: string; exitCode: number },
    };
  }
}

test('without flags it prints the three files and writes nothing', async () => {
  const { code, stdout } = await zipsConfig({});
  assert.equal(code, 0);
  assert.match(stdout, /^# ==> docker-compose\.yml <==\n/);
  assert.match(stdout, /\n# ==> otel-collector\.yaml <==\n/);
  assert.match(stdout, /\n# ==> Tiltfile <==\n/);
  await assert.rejects(readFile(join(repo, 'docker-compose.yml')), { code: 'ENOENT' });
});

test('--json prints the files as data', async () => {
  const { stdout } = await zipsConfig({ json: true, debug: true });
  const { files } = JSON.parse(stdout) as { files: { path: string; contents: string }[] };
  assert.deepEqual(
    files.map((f) => f.path),
    ['docker-compose.yml', 'otel-collector.yaml', 'Tiltfile'],
  );
  assert.match(files[1]?.contents ?? '', /\n {2}debug:\n {4}verbosity: detailed\n/);
});

test('--write finds the workspace root from a subdirectory; --check then passes', async () => {
  const written = await zipsConfig({ write: true, cwd: join(repo, 'packages', 'deep') });
  assert.equal(written.stdout, 'wrote docker-compose.yml\nwrote otel-collector.yaml\nwrote Tiltfile\n');
  assert.match(await readFile(join(repo, 'otel-collector.yaml'), 'utf8'), /otlp_grpc\/jaeger/);
  const checked = await zipsConfig({ check: true });
  assert.equal(checked.code, 0);
  assert.match(checked.stdout, /up to date/);
});

test('--check fails with a ZipsError naming the drifted files and the command that fixes them', async () => {
  await zipsConfig({ write: true });
  await writeFile(join(repo, 'Tiltfile'), '# edited by hand\n');
  await rm(join(repo, 'otel-collector.yaml'));
  const { code, error } = await zipsConfig({ check: true, lightstep: false });
  assert.equal(code, 1);
  assert.equal(error?.name, 'ZipsError');
  assert.match(error?.message ?? '', /otel-collector\.yaml \(missing\)/);
  assert.match(error?.message ?? '', /Tiltfile \(differs from line 1\)/);
  assert.match(error?.hint ?? '', /npx zips config --write/);
  const json = await zipsConfig({ check: true, json: true });
  assert.equal(JSON.parse(json.stdout).upToDate, false);
});

test('--check with other targets names those flags in the fix', async () => {
  await zipsConfig({ write: true });
  const { error } = await zipsConfig({ check: true, lightstep: true, jaeger: false });
  assert.match(error?.hint ?? '', /`npx zips config --write --no-jaeger --lightstep`/);
});

test('the Lightstep token is never written, even when it is set', async () => {
  const { stdout } = await zipsConfig({ lightstep: true }, { LIGHTSTEP_ACCESS_TOKEN: 'sentinel-value-123' });
  assert.doesNotMatch(stdout, /sentinel-value-123/);
  assert.match(stdout, /lightstep-access-token: \$\{env:LIGHTSTEP_ACCESS_TOKEN\}/);
});

const usageCases: { name: string; options: ConfigOptions; message: RegExp }[] = [
  { name: 'no target', options: { jaeger: false }, message: /targets: no trace target is enabled/ },
  {
    name: 'a header value instead of a variable name',
    options: { otlpEndpoint: 'https://otlp.acme.test', otlpHeader: ['x-api-key=not a name'] },
    message: /targets\.otlp\[0\]\.headers\.x-api-key/,
  },
  {
    name: 'an endpoint that is neither host:port nor a URL',
    options: { otlpEndpoint: 'acme' },
    message: /targets\.otlp\[0\]\.endpoint/,
  },
  { name: '--write with --check', options: { write: true, check: true }, message: /cannot be combined/ },
];

for (const { name, options, message } of usageCases) {
  test(`usage error (exit 2): ${name}`, async () => {
    const { code, error } = await zipsConfig(options);
    assert.equal(code, 2);
    assert.equal(error?.name, 'UsageError');
    assert.match(error?.message ?? '', message);
    assert.ok(error?.hint);
  });
}

test('--write outside a workspace says where it looked', async () => {
  const outside = await mkdtemp(join(tmpdir(), 'zips-no-repo-'));
  try {
    const { code, error } = await zipsConfig({ write: true, cwd: outside });
    assert.equal(code, 1);
    assert.match(error?.message ?? '', /no zips repository found/);
  } finally {
    await rm(outside, { recursive: true, force: true });
  }
});
