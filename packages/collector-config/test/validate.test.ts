/** validate(), validateDocument() and parseCollectorYaml(): every mistake is reported with its dot path and a fix. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CollectorConfigError,
  type CollectorConfigInput,
  normalize,
  parseCollectorYaml,
  type ValidationIssue,
  validate,
  validateDocument,
} from '../src/index.js';

function paths(issues: ValidationIssue[]): string[] {
  for (const issue of issues) assert.ok(issue.message && issue.fix, `${issue.path} has a message and a fix`);
  return issues.map((issue) => issue.path);
}

const inputCases: { name: string; input: CollectorConfigInput; paths: string[] }[] = [
  { name: 'no target at all', input: { targets: {} }, paths: ['targets'] },
  {
    name: 'every target switched off',
    input: { targets: { jaeger: false, lightstep: false, debug: false, otlp: [] } },
    paths: ['targets'],
  },
  {
    name: 'Lightstep without a token variable',
    input: { targets: { lightstep: { tokenEnv: '' } } },
    paths: ['targets.lightstep.tokenEnv'],
  },
  {
    name: 'Lightstep with an unknown region',
    input: { targets: { lightstep: { region: 'apac' as 'eu' } } },
    paths: ['targets.lightstep.region'],
  },
  {
    name: 'Jaeger endpoint with a scheme',
    input: { targets: { jaeger: { endpoint: 'http://jaeger:4317' } } },
    paths: ['targets.jaeger.endpoint'],
  },
  {
    name: 'duplicate component id: an OTLP target named like a built-in one',
    input: { targets: { jaeger: true, otlp: [{ name: 'jaeger', endpoint: 'x.test:4317' }] } },
    paths: ['targets.otlp[0].name'],
  },
  {
    name: 'duplicate component id: two OTLP targets with one name',
    input: {
      targets: {
        otlp: [
          { name: 'acme', endpoint: 'a.test:4317' },
          { name: 'acme', endpoint: 'b.test:4317' },
        ],
      },
    },
    paths: ['targets.otlp[1].name'],
  },
  {
    name: 'OTLP/HTTP endpoint that is not a URL, and a header value that is not a variable name',
    input: {
      targets: {
        otlp: [
          {
            name: 'acme',
            endpoint: 'acme.test:4318',
            protocol: 'http',
            headers: { 'x-api-key': 'Bearer abc' },
          },
        ],
      },
    },
    paths: ['targets.otlp[0].endpoint', 'targets.otlp[0].headers.x-api-key'],
  },
  {
    name: 'memory limit too small',
    input: { targets: { debug: true }, memoryLimitMib: 8 },
    paths: ['memoryLimitMib'],
  },
  {
    name: 'sending queue: unknown storage, relative directory, size of 0',
    input: {
      targets: { jaeger: true },
      sendingQueue: { storage: 'tape' as 'disk', directory: 'queue', sizeMib: 0 },
    },
    paths: ['sendingQueue.storage', 'sendingQueue.directory', 'sendingQueue.sizeMib'],
  },
];

for (const { name, input, paths: expected } of inputCases) {
  test(`validate: ${name}`, () => {
    assert.deepEqual(paths(validate(input)), expected);
    assert.throws(
      () => normalize(input),
      (error: unknown) => error instanceof CollectorConfigError && error.issues.length === expected.length,
    );
  });
}

test('a token pasted where the variable name belongs is not echoed back', () => {
  const secret = 'lightstep-token-abc123+/=';
  const [issue] = validate({ targets: { lightstep: { tokenEnv: secret } } });
  assert.equal(issue?.path, 'targets.lightstep.tokenEnv');
  assert.doesNotMatch(`${issue?.message} ${issue?.fix}`, /abc123/);
  const headerIssue = validate({
    targets: { otlp: [{ name: 'a', endpoint: 'a.test:4317', headers: { auth: 'Bearer s3cr3t' } }] },
  });
  assert.doesNotMatch(JSON.stringify(headerIssue), /s3cr3t/);
});

const base = {
  receivers: { otlp: {} },
  processors: { memory_limiter: {} },
  exporters: { 'otlp_grpc/jaeger': {} },
  extensions: { health_check: {} },
};
const pipeline = (traces: Record<string, unknown>, extensions: unknown[] = ['health_check']) => ({
  ...base,
  service: {
    extensions,
    pipelines: {
      traces: {
        receivers: ['otlp'],
        processors: ['memory_limiter'],
        exporters: ['otlp_grpc/jaeger'],
        ...traces,
      },
    },
  },
});

const documentCases: { name: string; document: unknown; paths: string[] }[] = [
  { name: 'a valid document', document: pipeline({}), paths: [] },
  {
    name: 'pipeline referencing an undefined exporter',
    document: pipeline({ exporters: ['otlp_grpc/jaeger', 'otlp_grpc/lightstep'] }),
    paths: ['service.pipelines.traces.exporters[1]'],
  },
  {
    name: 'undefined extension',
    document: pipeline({}, ['health_check', 'pprof']),
    paths: ['service.extensions[1]'],
  },
  {
    name: 'undefined processor',
    document: pipeline({ processors: ['batch'] }),
    paths: ['service.pipelines.traces.processors[0]'],
  },
  {
    name: 'component listed twice in a pipeline',
    document: pipeline({ receivers: ['otlp', 'otlp'] }),
    paths: ['service.pipelines.traces.receivers[1]'],
  },
  {
    name: 'pipeline without exporters',
    document: pipeline({ exporters: [] }),
    paths: ['service.pipelines.traces.exporters'],
  },
  {
    name: 'unknown component type',
    document: { ...pipeline({}), exporters: { 'otlp_grpc/jaeger': {}, jaeger: {} } },
    paths: ['exporters.jaeger'],
  },
  {
    name: 'deprecated exporter alias',
    document: { ...pipeline({ exporters: ['otlp/jaeger'] }), exporters: { 'otlp/jaeger': {} } },
    paths: ['exporters.otlp/jaeger'],
  },
  {
    name: 'memory_limiter not first',
    document: {
      ...pipeline({ processors: ['batch', 'memory_limiter'] }),
      processors: { batch: {}, memory_limiter: {} },
    },
    paths: ['service.pipelines.traces.processors'],
  },
  {
    name: 'a persistent queue in an undefined storage extension',
    document: {
      ...pipeline({}),
      exporters: { 'otlp_grpc/jaeger': { sending_queue: { storage: 'file_storage/queue' } } },
    },
    paths: ['exporters.otlp_grpc/jaeger.sending_queue.storage'],
  },
  {
    name: 'a persistent queue in a storage extension the service does not start',
    document: {
      ...pipeline({}),
      extensions: { health_check: {}, 'file_storage/queue': {} },
      exporters: { 'otlp_grpc/jaeger': { sending_queue: { storage: 'file_storage/queue' } } },
    },
    paths: ['exporters.otlp_grpc/jaeger.sending_queue.storage'],
  },
  { name: 'no service section', document: base, paths: ['service.pipelines'] },
  { name: 'not a mapping', document: ['receivers'], paths: [''] },
];

for (const { name, document, paths: expected } of documentCases) {
  test(`validateDocument: ${name}`, () => assert.deepEqual(paths(validateDocument(document)), expected));
}

test('parseCollectorYaml reports a component id defined twice with its dot path', () => {
  const text =
    'exporters:\n  debug: {}\n  otlp_grpc/jaeger:\n    endpoint: a:1\n  debug:\n    verbosity: basic\n';
  const { document, issues } = parseCollectorYaml(text);
  assert.equal(document, undefined);
  assert.deepEqual(paths(issues), ['exporters.debug']);
});

test('parseCollectorYaml returns the document of valid YAML, and reports syntax errors', () => {
  assert.deepEqual(parseCollectorYaml('receivers:\n  otlp: {}\n').document, { receivers: { otlp: {} } });
  assert.match(parseCollectorYaml('receivers: [otlp\n').issues[0]?.message ?? '', /YAML syntax error/);
});
