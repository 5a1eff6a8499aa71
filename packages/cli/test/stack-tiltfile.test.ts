/**
 * The committed Tiltfile, evaluated by scripts/tiltfile-check.py (python3's `ast` + recording stand-ins for
 * Tilt's built-ins), checked against the repository: referenced files exist, live-update syncs stay inside the
 * build context (and outside .dockerignore, which Tilt honours when watching), sync targets mirror the image's
 * /app layout, and resources, links and the image name agree with docker-compose.yml.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { APP_DIR_IN_IMAGE, DEFAULT_BASE_IMAGE, LIVE_UPDATE_SYNC_PATHS } from '../src/stack/index.js';
import { repoRoot } from './support/stack-files.js';

const run = promisify(execFile);
const script = join(repoRoot, 'scripts', 'tiltfile-check.py');

interface Call {
  builtin: string;
  args: Record<string, unknown>;
}

async function python(): Promise<string | undefined> {
  try {
    await run('python3', ['--version'], { timeout: 10_000 });
    return 'python3';
  } catch {
    // No python3: the suite skips with a message rather than failing on tooling.
    return undefined;
  }
}

const hasPython = (await python()) !== undefined;

async function evaluate(tiltfile: string): Promise<{ calls?: Call[]; errors?: string[] }> {
  try {
    const { stdout } = await run('python3', [script, tiltfile], { cwd: repoRoot, timeout: 30_000 });
    return JSON.parse(stdout);
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return JSON.parse(stdout);
    throw error;
  }
}

/** .dockerignore semantics: patterns match the path or a parent directory; the last match wins; `!` re-includes. */
function dockerIgnored(path: string, patterns: string[]): boolean {
  const toRegExp = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*\*\/?/g, '<globstar>')
        .replace(/\*/g, '[^/]*')
        .replace(/\?/g, '[^/]')
        .replace(/<globstar>/g, '.*')}$`,
    );
  const candidates = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = posix
      .normalize((negated ? raw.slice(1) : raw).trim().replace(/^\/+/, ''))
      .replace(/\/$/, '');
    if (candidates.some((candidate) => toRegExp(pattern).test(candidate))) ignored = !negated;
  }
  return ignored;
}

test('the .dockerignore matcher used below follows Docker semantics', () => {
  assert.equal(dockerIgnored('packages/server/dist', ['**/dist']), true);
  assert.equal(dockerIgnored('packages/server/dist', ['**/dist', '!packages/server/dist']), false);
  assert.equal(dockerIgnored('templates', ['node_modules', '*.md']), false);
  assert.equal(dockerIgnored('packages/server/src/main.ts', ['packages/*/src']), true);
});

test('the checker rejects what is not Starlark and unknown built-ins', {
  skip: existsSync(script) ? false : 'scripts/tiltfile-check.py missing',
}, async (t) => {
  if (!hasPython) return t.skip('python3 is not installed');
  const bad = join(repoRoot, 'packages/cli/dist/test/not-a-tiltfile');
  const { writeFile, rm } = await import('node:fs/promises');
  try {
    await writeFile(bad, 'import os\n');
    assert.match((await evaluate(bad)).errors?.[0] ?? '', /Import is not Starlark/);
    await writeFile(bad, "docker_biuld('zips', '.')\n");
    assert.match((await evaluate(bad)).errors?.[0] ?? '', /NameError: name 'docker_biuld'/);
  } finally {
    await rm(bad, { force: true });
  }
});

describe('the committed Tiltfile', async () => {
  const skip = !hasPython
    ? 'python3 is not installed'
    : !existsSync(join(repoRoot, 'Tiltfile'))
      ? 'no Tiltfile'
      : false;
  const result = skip ? {} : await evaluate(join(repoRoot, 'Tiltfile'));
  const calls = result.calls ?? [];
  const byName = (name: string) => calls.filter((call) => call.builtin === name);
  const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { image?: string; ports?: string[]; build?: { args?: Record<string, string> } }>;
  };
  const build = byName('docker_build')[0];
  const context = resolve(repoRoot, String(build?.args.context ?? '.'));
  const steps = (build?.args.live_update ?? []) as Call[];
  const inRepo = (path: unknown) => resolve(repoRoot, String(path));

  test('evaluates without errors', { skip }, () => assert.deepEqual(result.errors, undefined));

  test('docker_compose points at the committed compose file with project zips', { skip }, () => {
    const [call] = byName('docker_compose');
    assert.ok(call && existsSync(inRepo(call.args.configPaths)));
    assert.equal(call.args.project_name, 'zips');
  });

  test('docker_build builds the compose image from the root Dockerfile with the same base image', {
    skip,
  }, () => {
    assert.ok(build, 'docker_build is called');
    assert.equal(context, repoRoot);
    assert.ok(existsSync(inRepo(build.args.dockerfile ?? 'Dockerfile')), 'the Dockerfile exists');
    assert.equal(`${String(build.args.ref)}:latest`, compose.services.zips?.image);
    assert.deepEqual(build.args.build_args, { BASE_IMAGE: DEFAULT_BASE_IMAGE });
    assert.equal(
      compose.services.zips?.build?.args?.BASE_IMAGE,
      `\${ZIPS_BASE_IMAGE:-${DEFAULT_BASE_IMAGE}}`,
    );
  });

  test('the build context Tilt watches is exactly what the Dockerfile copies, plus the synced paths', {
    skip,
  }, () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    const stages = [...dockerfile.matchAll(/^FROM \S+ AS (\S+)$/gm)].map((m) => m[1]);
    assert.ok(stages.includes(String(build?.args.target)), `target ${String(build?.args.target)} is a stage`);
    assert.equal(stages.at(-1), 'runtime', 'a plain `docker build` still makes the runtime image');
    const only = ((build?.args.only ?? []) as string[]).map((path) => path.replace(/^\.\//, ''));
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) =>
      (m[1] ?? '').split(/\s+/).map((path) => path.replace(/\/$/, '')),
    );
    const covered = (path: string) => only.some((entry) => path === entry || path.startsWith(`${entry}/`));
    assert.deepEqual(
      copied.filter((path) => !covered(path)),
      [],
      'the Dockerfile copies these from the context, but Tilt would not send them',
    );
    const needed = (entry: string) =>
      copied.some((path) => path === entry || entry.startsWith(`${path}/`) || path.startsWith(`${entry}/`)) ||
      LIVE_UPDATE_SYNC_PATHS.includes(entry as (typeof LIVE_UPDATE_SYNC_PATHS)[number]);
    assert.deepEqual(
      only.filter((entry) => !needed(entry)),
      [],
      'in the context but neither copied nor synced: its edits would rebuild the image',
    );
  });

  test('live_update: fall_back_on, then syncs, then restart_container, in Tilt order', { skip }, () => {
    assert.deepEqual(
      steps.map((step) => step.builtin),
      ['fall_back_on', ...LIVE_UPDATE_SYNC_PATHS.map(() => 'sync'), 'restart_container'],
    );
    for (const file of (steps[0]?.args.files ?? []) as string[])
      assert.ok(existsSync(inRepo(file)), `${file} exists`);
  });

  test('every sync source exists inside the build context, is not docker-ignored, and maps to /app/<same path>', {
    skip,
  }, () => {
    const ignoreFile = join(context, '.dockerignore');
    const patterns = existsSync(ignoreFile)
      ? readFileSync(ignoreFile, 'utf8')
          .split('\n')
          .filter((line) => line.trim() && !line.startsWith('#'))
      : [];
    for (const step of steps.filter((s) => s.builtin === 'sync')) {
      const source = inRepo(step.args.local_path);
      const inside = relative(context, source).split('\\').join('/');
      assert.ok(
        !inside.startsWith('..') && inside !== '',
        `${String(step.args.local_path)} lies inside the context`,
      );
      assert.ok(existsSync(source), `${inside} exists (run the build first)`);
      assert.equal(
        dockerIgnored(inside, patterns),
        false,
        `${inside} is excluded by .dockerignore, so Tilt never sees it change`,
      );
      assert.equal(step.args.remote_path, `${APP_DIR_IN_IMAGE}/${inside}`);
    }
    const synced = steps.filter((s) => s.builtin === 'sync').map((s) => String(s.args.remote_path));
    assert.ok(
      synced.includes('/app/packages/server/dist/src'),
      'the compiled server (what the entrypoint runs) is synced',
    );
  });

  test('local_resource deps exist and the compile step builds the server', { skip }, () => {
    const resources = byName('local_resource');
    assert.ok(resources.length > 0);
    for (const resource of resources) {
      for (const dep of (resource.args.deps ?? []) as string[])
        assert.ok(existsSync(inRepo(dep)), `${dep} exists`);
    }
    assert.ok(resources.some((r) => /tsc -b packages\/server/.test(String(r.args.cmd))));
  });

  test('dc_resource names are compose services and links point at the published ports', { skip }, () => {
    const resources = byName('dc_resource');
    assert.deepEqual(resources.map((r) => r.args.name).sort(), Object.keys(compose.services).sort());
    const published = Object.values(compose.services).flatMap((s) =>
      (s.ports ?? []).map((p) => p.split(':')[1]),
    );
    for (const resource of resources) {
      assert.ok((resource.args.labels as string[]).length > 0, `${String(resource.args.name)} has a label`);
      for (const link of (resource.args.links ?? []) as Call[]) {
        const port = new URL(String(link.args.url)).port;
        assert.ok(published.includes(port), `${String(link.args.url)} targets a published port`);
      }
    }
    const urls = resources.flatMap((r) => ((r.args.links ?? []) as Call[]).map((l) => String(l.args.url)));
    assert.ok(urls.includes('http://localhost:5000') && urls.includes('http://localhost:16686'));
  });
});
