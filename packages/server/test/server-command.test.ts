import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { serverMainScript, serverNodeArgs, serverNodeFlags, serverRegisterScript } from '../src/index.js';
import { repoRoot } from './support/paths.js';

const dockerfile = join(repoRoot, 'Dockerfile');

test('serverNodeArgs puts the flags before the bootstrap and the app', () => {
  assert.ok(serverNodeFlags.length > 0, 'zips.nodeFlags in packages/server/package.json');
  assert.deepEqual(serverNodeArgs(), [
    ...serverNodeFlags,
    '--import',
    serverRegisterScript,
    serverMainScript,
  ]);
  assert.deepEqual(serverNodeArgs({ telemetry: false }), [...serverNodeFlags, serverMainScript]);
});

test('every flag is one this node accepts', () => {
  const known = new Set(process.allowedNodeEnvironmentFlags);
  for (const flag of serverNodeFlags) {
    const name = flag.split('=')[0] ?? flag;
    // V8 flags are not all in allowedNodeEnvironmentFlags; `node --v8-options` lists them all.
    assert.ok(known.has(name) || v8Options().includes(`${name} (`), `${flag} is not a node or V8 flag`);
  }
});

test('the Dockerfile starts the server with the same flags', () => {
  const text = readFileSync(dockerfile, 'utf8');
  const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(text)?.[1];
  assert.ok(entrypoint, 'an exec-form ENTRYPOINT');
  const argv = JSON.parse(entrypoint) as string[];
  assert.deepEqual(argv.slice(0, 1 + serverNodeFlags.length), ['node', ...serverNodeFlags]);
  assert.deepEqual(argv.slice(1 + serverNodeFlags.length, -1), [
    '--import',
    './packages/server/dist/src/telemetry/register.js',
  ]);
});

let v8OptionsText: string | undefined;
function v8Options(): string {
  v8OptionsText ??= execNode(['--v8-options']);
  return v8OptionsText;
}

function execNode(args: string[]): string {
  return execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}
