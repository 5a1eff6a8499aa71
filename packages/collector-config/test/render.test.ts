/** The exact shape of the generated collector configuration, per target combination. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import {
  buildDocument,
  COLLECTOR_CONTRIB_VERSION,
  normalize,
  renderCollectorYaml,
  requiredEnv,
  type TargetsInput,
  validate,
  validateDocument,
} from '../src/index.js';

/** The collector's env reference for NAME. */
const env = (name: string) => `\${env:${name}}`;
const resilience = {
  timeout: '30s',
  sending_queue: {
    storage: 'file_storage/queue',
    sizer: 'bytes',
    queue_size: 512 * 1024 * 1024,
    batch: { flush_timeout: '200ms', sizer: 'items', min_size: 8192 },
  },
  retry_on_failure: { enabled: true, initial_interval: '1s', max_interval: '5s', max_elapsed_time: '10m' },
};
const queueDirectory = '/var/lib/otelcol/file_storage';
const jaeger = { endpoint: 'jaeger:4317', tls: { insecure: true }, ...resilience };
const lightstep = {
  endpoint: 'ingest.lightstep.com:443',
  headers: { 'lightstep-access-token': env('LIGHTSTEP_ACCESS_TOKEN') },
  ...resilience,
};

/** Everything but the exporters is the same for every combination. */
function expected(exporters: Record<string, unknown>) {
  return {
    extensions: {
      health_check: { endpoint: '0.0.0.0:13133' },
      'file_storage/queue': {
        directory: queueDirectory,
        create_directory: true,
        compaction: { directory: queueDirectory, on_start: true, on_rebound: true },
      },
    },
    receivers: {
      otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
    },
    processors: { memory_limiter: { check_interval: '1s', limit_mib: 256, spike_limit_mib: 64 } },
    exporters,
    service: {
      extensions: ['health_check', 'file_storage/queue'],
      pipelines: {
        traces: { receivers: ['otlp'], processors: ['memory_limiter'], exporters: Object.keys(exporters) },
      },
    },
  };
}

const cases: { name: string; targets: TargetsInput; exporters: Record<string, unknown> }[] = [
  {
    name: 'jaeger (the default stack)',
    targets: { jaeger: true },
    exporters: { 'otlp_grpc/jaeger': jaeger },
  },
  { name: 'lightstep', targets: { lightstep: true }, exporters: { 'otlp_grpc/lightstep': lightstep } },
  {
    name: 'lightstep EU with a custom token variable',
    targets: { lightstep: { region: 'eu', tokenEnv: 'LS_TOKEN' } },
    exporters: {
      'otlp_grpc/lightstep': {
        ...lightstep,
        endpoint: 'ingest.eu.lightstep.com:443',
        headers: { 'lightstep-access-token': env('LS_TOKEN') },
      },
    },
  },
  { name: 'debug', targets: { debug: { verbosity: 'basic' } }, exporters: { debug: { verbosity: 'basic' } } },
  {
    name: 'jaeger + lightstep + generic OTLP/HTTP + debug, in that order',
    targets: {
      debug: true,
      otlp: [
        {
          name: 'acme',
          endpoint: 'https://otlp.acme.test',
          protocol: 'http',
          headers: { 'x-api-key': `\${ACME_KEY}` },
        },
      ],
      lightstep: true,
      jaeger: { endpoint: 'traces:4317' },
    },
    exporters: {
      'otlp_grpc/jaeger': { ...jaeger, endpoint: 'traces:4317' },
      'otlp_grpc/lightstep': lightstep,
      'otlp_http/acme': {
        endpoint: 'https://otlp.acme.test',
        headers: { 'x-api-key': env('ACME_KEY') },
        ...resilience,
      },
      debug: { verbosity: 'detailed' },
    },
  },
  {
    name: 'generic OTLP/gRPC, plaintext, no headers',
    targets: { otlp: [{ name: 'local', endpoint: 'otel.internal:4317', insecure: true }] },
    exporters: {
      'otlp_grpc/local': { endpoint: 'otel.internal:4317', tls: { insecure: true }, ...resilience },
    },
  },
];

for (const { name, targets, exporters } of cases) {
  test(`shape: ${name}`, () => {
    const yaml = renderCollectorYaml({ targets });
    assert.deepEqual(parse(yaml), expected(exporters));
    assert.deepEqual(validate({ targets }), [], 'validate() accepts it');
    assert.deepEqual(validateDocument(parse(yaml)), [], 'the emitted document passes the document checks');
  });
}

test('the YAML names the pinned release, says how to regenerate, and has no anchors', () => {
  const yaml = renderCollectorYaml({ targets: { jaeger: true, lightstep: true } });
  assert.match(
    yaml,
    new RegExp(
      `^# OpenTelemetry Collector configuration for otel/opentelemetry-collector-contrib:${COLLECTOR_CONTRIB_VERSION}\\.`,
    ),
  );
  assert.match(yaml, /npx zips config --write/);
  assert.doesNotMatch(yaml, /[&*]a\d/);
});

test('deprecated component names are never emitted', () => {
  const document = buildDocument(
    normalize({
      targets: {
        jaeger: true,
        lightstep: true,
        debug: true,
        otlp: [{ name: 'x', endpoint: 'https://x.test', protocol: 'http' }],
      },
    }),
  );
  for (const id of Object.keys(document.exporters ?? {}))
    assert.match(id, /^(otlp_grpc|otlp_http)\/|^debug$/);
});

test('memoryLimitMib sets the limiter and a quarter of it as spike limit', () => {
  const document = buildDocument(normalize({ targets: { debug: true }, memoryLimitMib: 512 }));
  assert.deepEqual(document.processors?.memory_limiter, {
    check_interval: '1s',
    limit_mib: 512,
    spike_limit_mib: 128,
  });
});

test('requiredEnv lists the secret variables once each', () => {
  const model = normalize({
    targets: {
      lightstep: true,
      otlp: [
        { name: 'a', endpoint: 'a.test:4317', headers: { k1: 'SHARED', k2: 'LIGHTSTEP_ACCESS_TOKEN' } },
        { name: 'b', endpoint: 'b.test:4317', headers: { k: 'SHARED' } },
      ],
    },
  });
  assert.deepEqual(requiredEnv(model), ['LIGHTSTEP_ACCESS_TOKEN', 'SHARED']);
});

test('sendingQueue: a directory and size of its own, or the in-memory queue without file_storage', () => {
  const onDisk = buildDocument(
    normalize({ targets: { jaeger: true }, sendingQueue: { directory: '/data/queue', sizeMib: 64 } }),
  );
  assert.deepEqual(onDisk.extensions?.['file_storage/queue'], {
    directory: '/data/queue',
    create_directory: true,
    compaction: { directory: '/data/queue', on_start: true, on_rebound: true },
  });
  const exporter = onDisk.exporters?.['otlp_grpc/jaeger'] as { sending_queue: Record<string, unknown> };
  assert.equal(exporter.sending_queue.queue_size, 64 * 1024 * 1024);

  const inMemory = buildDocument(
    normalize({ targets: { jaeger: true }, sendingQueue: { storage: 'memory' } }),
  );
  assert.deepEqual(Object.keys(inMemory.extensions ?? {}), ['health_check']);
  assert.deepEqual(inMemory.service?.extensions, ['health_check']);
  const memoryExporter = inMemory.exporters?.['otlp_grpc/jaeger'] as {
    sending_queue: Record<string, unknown>;
  };
  assert.equal(memoryExporter.sending_queue.storage, undefined);
  assert.deepEqual(validateDocument(inMemory), []);
  // The debug exporter prints; it has no queue in either form.
  const debug = buildDocument(normalize({ targets: { debug: true } })).exporters?.debug;
  assert.deepEqual(debug, { verbosity: 'detailed' });
});
