import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from './support/paths.js';
import { spawnServer } from './support/spawn-server.js';

const TEMPLATES = join(repoRoot, 'templates');
const EXITED = /^server exited with (\S+) before listening:\n([\s\S]*)$/;

/** Starts the real server with `env`; it must exit before listening. Returns its exit code and its output. */
async function startExpectingFailure(env: Record<string, string>) {
  const failure = await spawnServer(env, { telemetry: false, startTimeoutMs: 20_000 }).then(
    async (server) => {
      await server.stop('SIGKILL');
      return assert.fail(`the server started on ${server.baseUrl}`);
    },
    (error: unknown) => (error as Error).message,
  );
  const [, code, output] = EXITED.exec(failure) ?? assert.fail(failure);
  return { code: Number(code), stderr: output ?? '' };
}

describe('templates that cannot be loaded stop the start with a message, not a stack trace', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'zips-templates-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('a templates folder that does not exist', async () => {
    const missing = join(scratch, 'no-such-folder');
    const { code, stderr } = await startExpectingFailure({ ZIPS_TEMPLATES_DIR: missing });
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`cannot load the page templates from ${missing}`));
    assert.match(stderr, /set ZIPS_TEMPLATES_DIR/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  test('a template that does not compile names the template', async () => {
    const broken = join(scratch, 'broken');
    cpSync(TEMPLATES, broken, { recursive: true });
    writeFileSync(
      join(broken, 'zip.njk'),
      '{% extends "base.njk" %}{% block content %}{% if %}{% endblock %}',
    );
    const { code, stderr } = await startExpectingFailure({ ZIPS_TEMPLATES_DIR: broken });
    assert.equal(code, 1);
    assert.match(stderr, /cannot load the page templates/);
    assert.match(stderr, /zip\.njk/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  test('a template that includes one that is not there names the missing one', async () => {
    const incomplete = join(scratch, 'incomplete');
    cpSync(TEMPLATES, incomplete, { recursive: true });
    rmSync(join(incomplete, 'base.njk'));
    const { code, stderr } = await startExpectingFailure({ ZIPS_TEMPLATES_DIR: incomplete });
    assert.equal(code, 1);
    assert.match(stderr, /\w+\.njk uses template not found: base\.njk/);
  });
});
