/** renderStackFiles layouts and secrets, and writeStackFiles / checkStackFiles on a real directory. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CollectorConfigError } from '@zips/collector-config';
import { parse } from 'yaml';
import {
  checkStackFiles,
  defaultStackOptions,
  renderStackFiles,
  writeStackFiles,
} from '../src/stack/index.js';
import { targetsFromFlags } from '../src/stack/targets-from-flags.js';

const dirs: string[] = [];
after(async () => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

test('the root layout has compose, collector config and Tiltfile; .zips/stack has no Tiltfile', () => {
  const root = renderStackFiles(defaultStackOptions());
  assert.deepEqual(
    root.map((file) => file.path),
    ['docker-compose.yml', 'otel-collector.yaml', 'Tiltfile'],
  );
  const stack = renderStackFiles(defaultStackOptions(), { outDir: '.zips/stack/' });
  assert.deepEqual(
    stack.map((file) => file.path),
    ['.zips/stack/docker-compose.yml', '.zips/stack/otel-collector.yaml'],
  );
  const compose = parse(stack[0]?.contents ?? '');
  assert.equal(compose.services.zips.build.context, '../..');
  assert.deepEqual(compose.services['otel-collector'].volumes, [
    './otel-collector.yaml:/etc/otelcol-contrib/config.yaml:ro',
    'otel-collector-queue:/var/lib/otelcol/file_storage',
  ]);
});

test('the persistent queue: a named volume, owned by the collector user before the collector starts', () => {
  const [compose, collector, tiltfile] = renderStackFiles(defaultStackOptions());
  const document = parse(compose?.contents ?? '');
  const queueDirectory = parse(collector?.contents ?? '').extensions['file_storage/queue'].directory;
  assert.equal(queueDirectory, '/var/lib/otelcol/file_storage');
  assert.deepEqual(document.volumes, { 'otel-collector-queue': {} });
  const owner = document.services['otel-collector-queue-owner'];
  assert.deepEqual(owner.entrypoint, ['chown', '-R', '10001:10001', queueDirectory]);
  assert.deepEqual(owner.volumes, [`otel-collector-queue:${queueDirectory}`]);
  assert.equal(owner.image, document.services.zips.build.args.BASE_IMAGE, 'the image zips is built on');
  assert.deepEqual(document.services['otel-collector'].depends_on['otel-collector-queue-owner'], {
    condition: 'service_completed_successfully',
  });
  assert.match(tiltfile?.contents ?? '', /dc_resource\('otel-collector-queue-owner'/);
});

test('an outDir outside the repository is refused', () => {
  assert.throws(
    () => renderStackFiles(defaultStackOptions(), { outDir: '../elsewhere' }),
    /inside the repository/,
  );
  assert.throws(() => renderStackFiles(defaultStackOptions(), { outDir: '/tmp/x' }), /inside the repository/);
});

test('host ports and bind address come from the options; container ports stay fixed', () => {
  const options = {
    ...defaultStackOptions(),
    ports: { app: 15000, otlpGrpc: 14317, otlpHttp: 14318, jaegerUi: 26686, collectorHealth: 23133 },
  };
  const [compose, , tiltfile] = renderStackFiles(options);
  const services = parse(compose?.contents ?? '').services;
  assert.deepEqual(services.zips.ports, ['127.0.0.1:15000:5000']);
  assert.deepEqual(services['otel-collector'].ports, [
    '127.0.0.1:14317:4317',
    '127.0.0.1:14318:4318',
    '127.0.0.1:23133:13133',
  ]);
  assert.deepEqual(services.jaeger.ports, ['127.0.0.1:26686:16686']);
  assert.match(tiltfile?.contents ?? '', /link\('http:\/\/localhost:15000', 'zips'\)/);
  assert.match(tiltfile?.contents ?? '', /link\('http:\/\/localhost:26686', 'Jaeger UI'\)/);
});

test("the zips healthcheck asks /healthz on the container's PORT, as the Dockerfile HEALTHCHECK does", async () => {
  const [compose] = renderStackFiles(defaultStackOptions());
  const [cmd, program, flag, script] = parse(compose?.contents ?? '').services.zips.healthcheck
    .test as string[];
  assert.deepEqual([cmd, program, flag], ['CMD', 'node', '-e']);
  assert.ok(script && !script.includes('$'), 'no $ that compose would interpolate');
  const server = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The check itself, run as the container would run it: exit 0 when the app answers on PORT, 1 otherwise.
  const run = (env: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const child = execFile(process.execPath, ['-e', script ?? ''], { env, timeout: 10_000 });
      child.on('exit', (code) => resolve(code ?? -1));
    });
  try {
    assert.equal(await run({ PORT: String(port) }), 0);
    server.close();
    assert.equal(await run({ PORT: String(port) }), 1);
  } finally {
    server.close();
  }
});

test('secrets appear only as references, never as values, even when set in the environment', () => {
  process.env.LIGHTSTEP_ACCESS_TOKEN = 'sentinel-token-value';
  process.env.ACME_KEY = 'sentinel-header-value';
  try {
    const files = renderStackFiles({
      ...defaultStackOptions(),
      targets: {
        lightstep: true,
        otlp: [
          {
            name: 'acme',
            endpoint: 'https://otlp.acme.test',
            protocol: 'http',
            headers: { 'x-api-key': 'ACME_KEY' },
          },
        ],
      },
    });
    const all = files.map((file) => file.contents).join('\n');
    assert.doesNotMatch(all, /sentinel/);
    const services = parse(files[0]?.contents ?? '').services;
    const reference = (name: string) => `\${${name}:-}`;
    assert.deepEqual(services['otel-collector'].environment, {
      LIGHTSTEP_ACCESS_TOKEN: reference('LIGHTSTEP_ACCESS_TOKEN'),
      ACME_KEY: reference('ACME_KEY'),
    });
    assert.match(files[1]?.contents ?? '', /lightstep-access-token: \$\{env:LIGHTSTEP_ACCESS_TOKEN\}/);
  } finally {
    delete process.env.LIGHTSTEP_ACCESS_TOKEN;
    delete process.env.ACME_KEY;
  }
});

test('without the jaeger target there is no jaeger service, dependency or Tilt resource', () => {
  const [compose, , tiltfile] = renderStackFiles({ ...defaultStackOptions(), targets: { debug: true } });
  const services = parse(compose?.contents ?? '').services;
  assert.deepEqual(Object.keys(services), ['zips', 'otel-collector-queue-owner', 'otel-collector']);
  assert.deepEqual(Object.keys(services['otel-collector'].depends_on), ['otel-collector-queue-owner']);
  assert.doesNotMatch(tiltfile?.contents ?? '', /jaeger/i);
});

test('invalid targets throw CollectorConfigError with dot paths', () => {
  assert.throws(
    () => renderStackFiles({ ...defaultStackOptions(), targets: { jaeger: false } }),
    (error: unknown) => error instanceof CollectorConfigError && error.issues[0]?.path === 'targets',
  );
});

test('writeStackFiles then checkStackFiles: up to date, changed (with line), missing', async () => {
  const root = await mkdtemp(join(tmpdir(), 'zips-stack-files-'));
  dirs.push(root);
  const files = renderStackFiles(defaultStackOptions(), { outDir: '.zips/stack' });
  assert.deepEqual(await checkStackFiles(root, files), [
    { path: '.zips/stack/docker-compose.yml', problem: 'missing', fix: 'npx zips config --write' },
    { path: '.zips/stack/otel-collector.yaml', problem: 'missing', fix: 'npx zips config --write' },
  ]);
  await writeStackFiles(root, files);
  assert.equal(await readFile(join(root, '.zips/stack/otel-collector.yaml'), 'utf8'), files[1]?.contents);
  assert.deepEqual(await checkStackFiles(root, files), []);
  const lines = (files[0]?.contents ?? '').split('\n');
  lines[9] = '# hand edit';
  await writeFile(join(root, '.zips/stack/docker-compose.yml'), lines.join('\n'));
  assert.deepEqual(await checkStackFiles(root, files, 'npx zips config --write --debug'), [
    {
      path: '.zips/stack/docker-compose.yml',
      problem: 'changed',
      line: 10,
      fix: 'npx zips config --write --debug',
    },
  ]);
});

test('targetsFromFlags: header values are variable names, or left out when the caller names the variables', () => {
  const flags = {
    otlpEndpoint: 'https://otlp.acme.test',
    otlpHeader: ['x-api-key=ACME_KEY', `x-team=\${TEAM}`],
  };
  assert.deepEqual(targetsFromFlags(flags).otlp, [
    {
      name: 'otlp',
      endpoint: 'https://otlp.acme.test',
      protocol: 'http',
      headers: { 'x-api-key': 'ACME_KEY', 'x-team': `\${TEAM}` },
    },
  ]);
  const secretFlags = { otlpEndpoint: 'otlp.acme.test:4317', otlpHeader: ['authorization=Bearer s3cr3t'] };
  const targets = targetsFromFlags(secretFlags);
  assert.equal(targets.otlp?.[0]?.protocol, 'grpc');
  // A literal value where a variable name belongs is refused by the validation, naming the header, and the
  // value reaches neither a file nor the message.
  assert.throws(
    () => renderStackFiles({ ...defaultStackOptions(), targets }),
    (error: Error) => /headers\.authorization/.test(error.message) && !/s3cr3t/.test(error.message),
  );
  assert.deepEqual(targetsFromFlags({}), { jaeger: true, lightstep: false, debug: false, otlp: [] });
});
