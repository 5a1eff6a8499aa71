/**
 * Security: planted token values never appear in generated files, state, logs, command output, error messages or
 * the argv of started processes (what `ps` shows). The Lightstep token and a generic OTLP header value are planted
 * in the environment of every command; the OTLP one is also forwarded to a loopback endpoint, which proves the
 * secret is used where it belongs (a header on the forwarded request) and only there.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { canReadSockets, listeningAddresses } from '@zips/test-support/listening-sockets';
import { recordResult } from '@zips/test-support/results';
import { findInFiles, findInTexts } from '../support/find-planted.js';
import { startHeaderSink } from '../support/header-sink.js';
import { cliProject, pollFor, UP_NATIVE } from '../support/zips-cli.js';

test('planted tokens appear nowhere: files, state, logs, output, errors, process arguments', {
  timeout: 300_000,
}, async (t) => {
  const lightstep = `zips-planted-secret-ls-${randomUUID()}`;
  const otlp = `zips-planted-secret-otlp-${randomUUID()}`;
  const secrets = [lightstep, otlp];
  const env = { LIGHTSTEP_ACCESS_TOKEN: lightstep, OTLP_KEY: otlp };
  await using sink = await startHeaderSink();
  await using project = await cliProject();
  // A stand-in clone, so `zips config --write` writes its files into the temp project.
  await writeFile(join(project.dir, 'package.json'), '{"private":true,"workspaces":[]}\n');
  const outputs: Record<string, string> = {};
  const run = async (name: string, args: string[], expected?: number) => {
    const result = await project.run(args, env, 120_000);
    outputs[name] = `${result.stdout}\n${result.stderr}`;
    if (expected !== undefined) assert.equal(result.code, expected, `${name}:\n${result.stderr}`);
    return result;
  };
  const forward = ['--otlp-endpoint', sink.url, '--otlp-header', 'x-api-key=OTLP_KEY'];

  await run('config --lightstep (print)', ['config', '--lightstep', ...forward], 0);
  await run('config --lightstep --json', ['config', '--lightstep', '--json', ...forward], 0);
  await run('config --lightstep --write', ['config', '--lightstep', '--write', ...forward], 0);
  await run('up (native, OTLP forward)', [...UP_NATIVE, ...forward, '--json'], 0);
  const state = project.state();
  assert.ok(state?.pids?.server && state.pids.collector, 'the stack is recorded');
  const argv: Record<string, string> = {};
  for (const [name, pid] of Object.entries(state.pids)) {
    argv[`/proc/${pid}/cmdline (${name})`] = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  }
  const serverEnviron = readFileSync(`/proc/${state.pids.server}/environ`, 'latin1');
  const appPort = Number(new URL(state.urls.app).port);
  const appBinds = canReadSockets ? listeningAddresses(appPort) : ['not checked'];
  await run('status', ['status'], 0);
  await run('status --json', ['status', '--json'], 0);
  await run('doctor', ['doctor']);
  await run('doctor --json', ['doctor', '--json']);
  await run('lookup', ['lookup', '11215'], 0);
  await run('lookup --verbose (unknown ZIP)', ['lookup', '00000', '--verbose']);
  await run('logs', ['logs']);
  // The forwarder sends what the canary and lookup produced to the sink, with the header read from OTLP_KEY.
  const forwarded = await pollFor(
    () => sink.received.find((headers) => headers['x-api-key'] !== undefined),
    15_000,
  );
  // state.json exists only while the stack runs: scan the files now, and again at the end.
  const filesWhileUp = findInFiles(project.dir, secrets);
  await run('down', ['down'], 0);
  // Error paths that name the targets: each must say what is wrong without the value.
  await run('up --lightstep, Docker unreachable', ['up', '--runtime', 'docker', '--lightstep', '--verbose']);
  await run('up with a bad endpoint', [
    'up',
    '--runtime',
    'native',
    '--otlp-endpoint',
    'not a url',
    '--otlp-header',
    'x-api-key=OTLP_KEY',
  ]);
  await run(
    'up with DEBUG=zips and a bad header',
    ['up', '--runtime', 'native', ...forward.slice(0, 2), '--otlp-header', 'x-api-key'],
    undefined,
  );

  const filesAtEnd = findInFiles(project.dir, secrets);
  const files = {
    hits: [...filesWhileUp.hits, ...filesAtEnd.hits],
    files: filesWhileUp.files + filesAtEnd.files,
  };
  const inOutput = findInTexts(outputs, secrets);
  const inArgv = findInTexts(argv, secrets);
  const serverHasSecrets = Object.entries(env)
    .filter(([, secret]) => serverEnviron.includes(secret))
    .map(([name]) => name);
  recordResult(t.diagnostic.bind(t), 'secrets', {
    commandsChecked: Object.keys(outputs).length,
    filesChecked: files.files,
    foundInFiles: files.hits,
    foundInOutput: inOutput,
    foundInArgv: inArgv,
    serverEnvironHasSecrets: serverHasSecrets,
    forwardedHeaderMatches: forwarded?.['x-api-key'] === otlp,
    appListensOn: appBinds,
  });
  assert.deepEqual(files.hits, [], 'files holding a planted token');
  assert.deepEqual(inOutput, [], 'command output holding a planted token');
  assert.deepEqual(inArgv, [], 'process arguments holding a planted token');
  assert.deepEqual(
    serverHasSecrets,
    [],
    'the server process was given tokens it has no use for (its environment)',
  );
  assert.equal(forwarded?.['x-api-key'], otlp, 'the OTLP header reached the forward target from OTLP_KEY');
  if (canReadSockets) assert.deepEqual(appBinds, ['127.0.0.1'], 'the native server listens on loopback only');
});
