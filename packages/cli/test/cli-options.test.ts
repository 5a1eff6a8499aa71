/** argv → options wiring: every command and flag reaches its handler with the expected values (no command runs). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { type CommandHandlers, createProgram } from '../src/cli.js';
import { parseLookupArgv } from '../src/commands/lookup/parse-lookup-argv.js';

type Call = { command: string; args: unknown[] };

async function parse(argv: string[]): Promise<Call> {
  let call: Call | undefined;
  const record =
    (command: string) =>
    async (...args: unknown[]) => {
      call = { command, args };
    };
  const handlers = Object.fromEntries(
    ['up', 'down', 'status', 'logs', 'lookup', 'doctor', 'config', 'traces'].map((name) => [
      name,
      record(name),
    ]),
  ) as unknown as CommandHandlers;
  await createProgram(handlers, { writeErr: () => undefined, writeOut: () => undefined }).parseAsync(argv, {
    from: 'user',
  });
  assert.ok(call, `no handler ran for ${argv.join(' ')}`);
  return call;
}

const upDefaults = {
  runtime: 'auto',
  attach: false,
  jaeger: true,
  lightstep: false,
  otlpHeader: [],
  port: 5000,
  otlpPort: 4318,
  uiPort: 16686,
  timeout: 60,
  json: false,
};

const cases: { argv: string[]; command: string; args: unknown[] }[] = [
  { argv: ['up'], command: 'up', args: [upDefaults] },
  {
    argv: ['up', '--runtime', 'native', '--port', '0', '--otlp-port', '0', '--ui-port', '0', '--attach'],
    command: 'up',
    args: [{ ...upDefaults, runtime: 'native', port: 0, otlpPort: 0, uiPort: 0, attach: true }],
  },
  {
    argv: [
      'up',
      '--no-jaeger',
      '--lightstep',
      '--otlp-endpoint',
      'https://o.example',
      '--otlp-header',
      'a=A',
      '--otlp-header',
      'b=B',
    ],
    command: 'up',
    args: [
      {
        ...upDefaults,
        jaeger: false,
        lightstep: true,
        otlpEndpoint: 'https://o.example',
        otlpHeader: ['a=A', 'b=B'],
      },
    ],
  },
  {
    argv: [
      'up',
      '--runtime',
      'docker',
      '--services',
      'zips, jaeger',
      '--timeout',
      '5',
      '--max-traces',
      '100',
      '--json',
    ],
    command: 'up',
    args: [
      {
        ...upDefaults,
        runtime: 'docker',
        services: ['zips', 'jaeger'],
        timeout: 5,
        maxTraces: 100,
        json: true,
      },
    ],
  },
  { argv: ['down'], command: 'down', args: [{ volumes: false }] },
  { argv: ['down', '--volumes'], command: 'down', args: [{ volumes: true }] },
  { argv: ['status', '--json'], command: 'status', args: [{ json: true }] },
  { argv: ['logs'], command: 'logs', args: [undefined, { follow: false, lines: 100 }] },
  {
    argv: ['logs', 'server', '-f', '-n', '5'],
    command: 'logs',
    args: ['server', { follow: true, lines: 5 }],
  },
  { argv: ['lookup', '11215'], command: 'lookup', args: ['11215', { json: false, trace: true }] },
  {
    argv: ['lookup', '11215', '--json', '--url', 'http://h:1', '--no-trace'],
    command: 'lookup',
    args: ['11215', { json: true, url: 'http://h:1', trace: false }],
  },
  { argv: ['doctor'], command: 'doctor', args: [{ json: false, canary: true }] },
  { argv: ['doctor', '--json', '--no-canary'], command: 'doctor', args: [{ json: true, canary: false }] },
  { argv: ['config'], command: 'config', args: [{ otlpHeader: [] }] },
  {
    argv: [
      'config',
      '--check',
      '--lightstep',
      '--no-jaeger',
      '--otlp-endpoint',
      'h:4317',
      '--otlp-header',
      'k=V',
      '--debug',
      '--json',
    ],
    command: 'config',
    args: [
      {
        check: true,
        lightstep: true,
        jaeger: false,
        otlpEndpoint: 'h:4317',
        otlpHeader: ['k=V'],
        debug: true,
        json: true,
      },
    ],
  },
  { argv: ['config', '--write'], command: 'config', args: [{ write: true, otlpHeader: [] }] },
  { argv: ['traces'], command: 'traces', args: [undefined, {}] },
  {
    argv: [
      'traces',
      'abc',
      '--tail',
      '--once',
      '--json',
      '--limit',
      '7',
      '--service',
      'zips',
      '--since',
      '5m',
      '--route',
      '/zips/:zip',
      '--errors',
      '--min-duration',
      '20ms',
      '--endpoint',
      'http://q:1',
    ],
    command: 'traces',
    args: [
      'abc',
      {
        tail: true,
        once: true,
        json: true,
        limit: 7,
        service: 'zips',
        since: '5m',
        route: '/zips/:zip',
        errors: true,
        minDuration: '20ms',
        endpoint: 'http://q:1',
      },
    ],
  },
];

describe('argv → options', () => {
  for (const { argv, command, args } of cases) {
    it(`zips ${argv.join(' ')}`, async () => {
      const call = await parse(argv);
      assert.equal(call.command, command);
      assert.deepEqual(call.args.slice(0, args.length), args);
    });
  }
});

describe('argv errors are usage errors', () => {
  const bad: string[][] = [
    ['up', '--port', 'abc'],
    ['up', '--port', '70000'],
    ['up', '--runtime', 'podman'],
    ['up', '--timeout', '0'],
    ['logs', '-n', '-1'],
    ['lookup'],
    ['nonsense'],
    ['up', '--frobnicate'],
  ];
  for (const argv of bad) {
    it(`zips ${argv.join(' ')}`, async () => {
      await assert.rejects(
        parse(argv),
        (error: unknown) => error instanceof CommanderError && error.exitCode !== 0,
      );
    });
  }
});

describe('the lookup fast path reads argv as commander does, and leaves everything else to it', () => {
  const same: string[][] = [
    ['lookup', '11215'],
    ['lookup', '11215', '--json'],
    ['lookup', '--json', '11215'],
    ['lookup', '11215', '--url', 'http://h:1', '--no-trace'],
    ['lookup', '11215', '--url=http://h:1'],
    ['lookup', '11215', '--verbose'],
    ['lookup', 'abc'],
    ['lookup', '11215', '--url', 'a', '--url', 'http://last:2'],
  ];
  for (const argv of same) {
    it(`zips ${argv.join(' ')}`, async () => {
      const call = await parse(argv);
      const fast = await parseLookupArgv(argv);
      assert.ok(fast, 'takes the fast path');
      assert.deepEqual([fast.zip, fast.options], call.args);
    });
  }
  const toCommander: string[][] = [
    ['lookup'],
    ['lookup', '--help'],
    ['lookup', '-h'],
    ['lookup', '11215', '12345'],
    ['lookup', '11215', '--frobnicate'],
    ['lookup', '11215', '--url'],
    ['lookup', '11215', '--json=yes'],
    ['lookup', '11215', '--trace'],
    ['lookup', '--', '11215'],
    ['--verbose', 'lookup', '11215'],
    ['status'],
  ];
  for (const argv of toCommander) {
    it(`zips ${argv.join(' ')} goes through commander`, async () => {
      assert.equal(await parseLookupArgv(argv), undefined);
    });
  }
});

describe('help of the target flags', () => {
  for (const name of ['up', 'config']) {
    it(`zips ${name} --help names the header variable and the endpoint protocols`, () => {
      const help = createProgram()
        .commands.find((command) => command.name() === name)
        ?.helpInformation()
        .replace(/\s+/g, ' '); // commander wraps the descriptions
      assert.match(help ?? '', /--otlp-header <name=ENV_VAR>/);
      assert.match(help ?? '', /environment variable ENV_VAR/);
      assert.match(help ?? '', /http\(s\) URL → OTLP\/HTTP/);
      assert.match(help ?? '', /host:port → OTLP\/gRPC/);
    });
  }
});
