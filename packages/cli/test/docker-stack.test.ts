/**
 * The real Dockerfile and the real root docker-compose.yml, built and run on a real Docker engine: the `zips`
 * service (plus fixtures/docker-compose.test.yml: host networking, loopback only, OTLP to an in-test receiver)
 * must become healthy, answer `GET /zips/11215`, run as non-root, and on `docker stop` exit 0 by itself after
 * flushing its spans. Skips with a message when no engine answers, or when the base image is neither present nor
 * pullable; fails instead when ZIPS_REQUIRE_DOCKER=1.
 * scripts/ci/docker-engine.sh and scripts/ci/base-image.sh prepare an engine and a base image where no registry
 * is reachable; ZIPS_BASE_IMAGE picks the base image (default: zips-base:node24-bookworm when present).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { startEmbeddedCollector } from '@zips/collector';
import { freePort } from '@zips/test-support/free-port';
import { parse, stringify } from 'yaml';
import { repoRoot } from './support/paths.js';

const exec = promisify(execFile);
const overrideFile = 'packages/cli/test/fixtures/docker-compose.test.yml';
const localBaseImage = 'zips-base:node24-bookworm';
const BUILD_TIMEOUT_MS = 10 * 60_000;
const COMMAND_TIMEOUT_MS = 2 * 60_000;

/** Runs a command in the repository root; a failure keeps the command, exit code and stderr tail. */
async function run(
  file: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeout?: number } = {},
) {
  try {
    const { stdout } = await exec(file, args, {
      cwd: repoRoot,
      env: options.env ?? process.env,
      timeout: options.timeout ?? COMMAND_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string; stdout?: string };
    const tail = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    // No `cause`: node:test would print the whole build log again.
    throw new Error(`\`${file} ${args.join(' ')}\` failed (exit ${String(failed.code)}):\n${tail}`);
  }
}

/** Succeeds or says why not, without throwing: absence is a normal answer here. */
async function attempt(file: string, args: string[], timeout = 20_000): Promise<string | undefined> {
  return run(file, args, { timeout }).then(
    () => undefined,
    (error: Error) => error.message.split('\n').slice(-1)[0] || error.message,
  );
}

/** Why Docker cannot be used, or undefined when it can; plus the compose command to use. */
async function probe(): Promise<{ reason?: string; compose: string[] }> {
  const engine = await attempt('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (engine !== undefined)
    return { reason: `no Docker engine answers \`docker info\` (${engine})`, compose: [] };
  if ((await attempt('docker', ['compose', 'version'])) === undefined)
    return { compose: ['docker', 'compose'] };
  if ((await attempt('docker-compose', ['version'])) === undefined) return { compose: ['docker-compose'] };
  return { reason: 'neither `docker compose` nor `docker-compose` is installed', compose: [] };
}

async function baseImage(): Promise<string | undefined> {
  if (process.env.ZIPS_BASE_IMAGE) return process.env.ZIPS_BASE_IMAGE;
  const missing = await attempt('docker', ['image', 'inspect', localBaseImage]);
  return missing === undefined ? localBaseImage : undefined;
}

interface ComposeStack extends AsyncDisposable {
  containerId: string;
  port: number;
  logs(): Promise<string>;
}

/**
 * The effective compose model: the real root file merged with the test override by `compose config`, minus the
 * zips service's published ports. Host networking makes them meaningless, docker-py (compose v1) refuses them
 * next to `network_mode: host`, and v1 has no `!reset` to drop a list from an override.
 */
async function effectiveComposeFile(compose: string[], project: string, env: NodeJS.ProcessEnv, dir: string) {
  const [file = 'docker-compose', ...prefix] = compose;
  const merged = parse(
    await run(file, [...prefix, '-p', project, '-f', 'docker-compose.yml', '-f', overrideFile, 'config'], {
      env,
    }),
  ) as { services: Record<string, Record<string, unknown>> };
  const zips = merged.services.zips;
  assert.ok(zips, 'the root docker-compose.yml has no service named zips');
  delete zips.ports;
  const path = join(dir, 'docker-compose.yml');
  await writeFile(path, stringify(merged));
  return path;
}

/** Builds the image through the real compose file and starts only the zips service; disposal removes both. */
async function composeUp(compose: string[], otlpEndpoint: string): Promise<ComposeStack> {
  const port = await freePort();
  const project = `zips-test-${process.pid}`;
  const image = `zips-test:${process.pid}-${randomBytes(3).toString('hex')}`;
  const base = await baseImage();
  const env = {
    ...process.env,
    ZIPS_TEST_IMAGE: image,
    ZIPS_TEST_PORT: String(port),
    ZIPS_TEST_OTLP_ENDPOINT: otlpEndpoint,
    ...(base === undefined ? {} : { ZIPS_BASE_IMAGE: base }),
  };
  const dir = await mkdtemp(join(tmpdir(), 'zips-docker-'));
  const [file = 'docker-compose', ...prefix] = compose;
  const composeArgs = [
    ...prefix,
    '-p',
    project,
    '--project-directory',
    repoRoot,
    '-f',
    join(dir, 'docker-compose.yml'),
  ];
  const dispose = async () => {
    try {
      await run(file, [...composeArgs, 'down', '--volumes', '--remove-orphans', '--timeout', '10'], { env });
      await attempt('docker', ['image', 'rm', '--force', image]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  try {
    await effectiveComposeFile(compose, project, env, dir);
    // Compose v1 drives the legacy builder, which keeps the container of a failed step unless told not to.
    const forceRm = file === 'docker-compose' ? ['--force-rm'] : [];
    await run(file, [...composeArgs, 'build', ...forceRm, 'zips'], { env, timeout: BUILD_TIMEOUT_MS });
    await run(file, [...composeArgs, 'up', '--detach', '--no-deps', 'zips'], { env });
    const containerId = await run(file, [...composeArgs, 'ps', '-q', 'zips'], { env });
    assert.match(
      containerId,
      /^[0-9a-f]{12,64}$/,
      `compose did not report a container for zips: "${containerId}"`,
    );
    const logs = () =>
      run('docker', ['logs', '--tail', '40', containerId]).catch((error: Error) => error.message);
    return { containerId, port, logs, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function inspect(containerId: string, format: string): Promise<string> {
  return run('docker', ['inspect', '--format', format, containerId]);
}

/** Polls every 500 ms until `check` returns a value, or fails after `timeoutMs` with `describe()`. */
async function waitFor<T>(
  timeoutMs: number,
  check: () => Promise<T | undefined>,
  describe: () => Promise<string>,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(await describe());
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Why the image cannot be built here, or undefined: its base image must be present or pullable now (a machine
 * with an engine but no registry, and no locally made base, cannot build it at all).
 */
async function baseImageReason(): Promise<string | undefined> {
  const image = (await baseImage()) ?? 'node:24-bookworm-slim';
  if ((await attempt('docker', ['image', 'inspect', image])) === undefined) return undefined;
  const pulled = await attempt('docker', ['pull', image], 60_000);
  if (pulled === undefined) return undefined;
  return `the base image ${image} is neither present nor pullable (${pulled.split('\n')[0]}); make it with scripts/ci/base-image.sh (as root) or point ZIPS_BASE_IMAGE at a Node 24 image you have`;
}

const engine = await probe();
const docker = engine.reason === undefined ? { ...engine, reason: await baseImageReason() } : engine;
const requireDocker = process.env.ZIPS_REQUIRE_DOCKER === '1';
const skip =
  docker.reason !== undefined && !requireDocker
    ? `${docker.reason}; or set ZIPS_REQUIRE_DOCKER=1 to fail instead`
    : false;

test('the real image runs as the compose service zips', {
  skip,
  timeout: BUILD_TIMEOUT_MS + 5 * 60_000,
}, async (t) => {
  assert.equal(
    docker.reason,
    undefined,
    `ZIPS_REQUIRE_DOCKER=1 but ${docker.reason}; run scripts/ci/docker-engine.sh as root`,
  );
  const collector = await startEmbeddedCollector({ host: '127.0.0.1', otlpHttpPort: 0, queryPort: 0 });
  await using _collector = { [Symbol.asyncDispose]: () => collector.close() };
  await using stack = await composeUp(docker.compose, collector.otlpHttpUrl);
  const base = `http://127.0.0.1:${stack.port}`;
  const traceId = randomBytes(16).toString('hex');
  const clientSpanId = randomBytes(8).toString('hex');

  await t.test('becomes healthy by its Docker health check', async () => {
    const status = () =>
      inspect(stack.containerId, '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{end}}');
    await waitFor(
      120_000,
      async () => ((await status()) === 'running healthy' ? true : undefined),
      async () =>
        `container state "${await status()}" did not become "running healthy"; logs:\n${await stack.logs()}`,
    );
  });

  await t.test('answers GET /zips/11215 with Brooklyn, NY', async () => {
    const response = await fetch(`${base}/zips/11215`, {
      headers: { traceparent: `00-${traceId}-${clientSpanId}-01` },
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(response.status, 200);
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual([body.zip, body.city, body.state], ['11215', 'Brooklyn', 'NY']);
  });

  await t.test('runs as the non-root user node', async () => {
    assert.equal(await inspect(stack.containerId, '{{.Config.User}}'), 'node');
    assert.equal(await run('docker', ['exec', stack.containerId, 'id', '-u']), '1000');
  });

  await t.test('docker stop: exits 0 by itself and flushes the spans of the request', async () => {
    // The batch delay is 120 s (see the override), so nothing can have been exported yet: only the flush that
    // SIGTERM triggers can deliver the trace below.
    assert.equal(
      collector.store.getTrace(traceId),
      undefined,
      'spans arrived before SIGTERM; is OTEL_BSP_SCHEDULE_DELAY applied?',
    );
    const started = Date.now();
    await run('docker', ['stop', '--time', '10', stack.containerId]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // 137 would mean Docker gave up after 10 s and sent SIGKILL.
    const state = await inspect(stack.containerId, '{{.State.ExitCode}} {{.State.OOMKilled}}');
    assert.equal(
      state,
      '0 false',
      `docker stop took ${seconds}s, exit state "${state}"; logs:\n${await stack.logs()}`,
    );
    t.diagnostic(`docker stop returned after ${seconds}s`);

    const spans = await waitFor(
      5_000,
      async () => collector.store.getTrace(traceId),
      async () => `no span of trace ${traceId} reached the receiver; logs:\n${await stack.logs()}`,
    );
    const server = spans.find((span) => span.parentSpanId === clientSpanId);
    assert.ok(
      server,
      `no span is a child of the request's traceparent; got ${spans.map((s) => s.name).join(', ')}`,
    );
    assert.equal(server.kind, 2, 'the child of the incoming traceparent is the SERVER span');
    assert.equal(server.resource.serviceName, 'zips');
  });
});
