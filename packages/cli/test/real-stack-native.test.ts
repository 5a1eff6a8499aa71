/**
 * The Docker runtime's pipeline without Docker: the zips server → the real OpenTelemetry Collector running the
 * configuration zips generates (moved to free loopback ports) → real Jaeger v2; then the `zips` CLI reads the
 * traces back from real Jaeger's query API, as `zips traces` does against a Docker stack.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderCollectorYaml } from '@zips/collector-config';
import {
  type RunningCollector,
  type RunningJaeger,
  realStackSkip,
  startCollector,
  startJaeger,
} from '@zips/test-support/real-stack';
import { waitFor } from '@zips/test-support/wait-for';
import type { TraceRecord } from '../src/traces/assembled/trace-record.js';
import { type TempProject, tempProject } from './support/cli-run.js';
import { type ServerProcess, startServerExportingTo } from './support/server-process.js';

describe('server → real Collector → real Jaeger, read back by the zips CLI', {
  skip: realStackSkip('otelcol', 'jaeger'),
}, () => {
  let jaeger: RunningJaeger;
  let collector: RunningCollector;
  let server: ServerProcess;
  let project: TempProject;
  let appUrl: string;

  before(async () => {
    jaeger = await startJaeger();
    // The generated document, with Jaeger's OTLP/gRPC address as a generator input (in compose it is jaeger:4317).
    collector = await startCollector({
      configYaml: renderCollectorYaml({ targets: { jaeger: { endpoint: jaeger.otlpGrpcEndpoint } } }),
    });
    server = await startServerExportingTo(collector.otlpHttpUrl);
    appUrl = server.url;
    project = await tempProject();
  });

  after(async () => {
    await project?.[Symbol.asyncDispose]();
    await server?.stop();
    await collector?.stop();
    await jaeger?.stop();
  });

  /** `zips traces --once --json` against real Jaeger: one NDJSON line per trace. */
  async function listTraces(): Promise<TraceRecord[]> {
    const result = await project.zips([
      'traces',
      '--endpoint',
      jaeger.queryUrl,
      '--once',
      '--json',
      '--limit',
      '50',
    ]);
    assert.equal(result.exitCode, 0, result.stderr);
    return result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as TraceRecord);
  }

  test("the server's own traces are listed by `zips traces --once --json`", async () => {
    for (const zip of ['11215', '94103', '00000'])
      await fetch(`${appUrl}/zips/${zip}`).then((r) => r.arrayBuffer());
    const traces = await waitFor(
      'three zips traces in Jaeger',
      async () => {
        const zipsTraces = (await listTraces()).filter((t) => /\/zips\/:zip/.test(t.root));
        return zipsTraces.length >= 3 ? zipsTraces : undefined;
      },
      30_000,
    );
    for (const trace of traces) {
      assert.deepEqual(trace.services, ['zips']);
      assert.ok(trace.spans >= 2, 'the server span and the lookup span');
    }
  });

  test('a `zips lookup` trace holds the CLI span and the server spans, read from Jaeger by `zips traces <id>`', async () => {
    const lookup = await project.zips(['lookup', '11215', '--url', appUrl, '--json'], {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.otlpHttpUrl,
    });
    assert.equal(lookup.exitCode, 0, lookup.stderr);
    const { trace } = JSON.parse(lookup.stdout) as { trace: { traceId: string } };
    const shown = await waitFor(
      'the lookup trace with both services',
      async () => {
        const result = await project.zips(['traces', trace.traceId, '--endpoint', jaeger.queryUrl]);
        return result.exitCode === 0 &&
          /zips-cli/.test(result.stdout) &&
          /GET \/zips\/:zip/.test(result.stdout)
          ? result.stdout
          : undefined;
      },
      30_000,
    );
    // The text waterfall: the CLI's client span first, the server's span nested under it.
    const lines = shown.split('\n');
    const client = lines.findIndex((line) => line.includes('zips-cli'));
    const serverSpan = lines.findIndex((line) => /GET \/zips\/:zip/.test(line) && !line.includes('zips-cli'));
    assert.ok(client >= 0 && serverSpan > client, shown);
    const json = await project.zips(['traces', trace.traceId, '--endpoint', jaeger.queryUrl, '--json']);
    assert.equal(json.exitCode, 0, json.stderr);
    const services = new Set(
      [...json.stdout.matchAll(/"service\.name",\s*"value":\s*\{\s*"stringValue":\s*"([^"]+)"/g)].map(
        (m) => m[1],
      ),
    );
    assert.deepEqual([...services].sort(), ['zips', 'zips-cli']);
  });
});
