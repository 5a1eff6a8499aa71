/**
 * Every collector configuration zips can generate, checked by the real OpenTelemetry Collector (the custom
 * distribution scripts/ci/real-stack-tools.sh builds at the pinned release, with the components zips emits):
 * `otelcol-contrib validate` resolves it, runs each component's own validation and the pipeline checks.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderCollectorYaml, type TargetsInput } from '@zips/collector-config';
import { realStackSkip, validateCollectorConfig } from '@zips/test-support/real-stack';
import { targetCombinations } from './support/stack-files.js';

/** Values for every `${env:VAR}` a generated config may reference (the validator resolves them). */
const secrets = { LIGHTSTEP_ACCESS_TOKEN: 'test-token', LS_TOKEN: 'test-token', ACME_KEY: 'test-key' };
const skip = realStackSkip('otelcol');

describe('the real Collector accepts every generated configuration', { skip }, () => {
  const combinations = targetCombinations();
  // Each combination as generated, and with the debug exporter toggled the other way (unless that leaves no
  // target at all, which zips itself refuses before any YAML is written).
  const cases = combinations.flatMap(({ name, targets }) => {
    const toggled = { ...targets, debug: !targets.debug };
    const onlyDebug = Object.keys(targets).length === 1 && targets.debug === true;
    return [
      { name, targets },
      ...(onlyDebug ? [] : [{ name: `${name} (debug ${targets.debug ? 'off' : 'on'})`, targets: toggled }]),
    ];
  });
  for (const { name, targets } of cases) {
    test(name, () => {
      const { code, output } = validateCollectorConfig(
        renderCollectorYaml({ targets: targets as TargetsInput }),
        secrets,
      );
      assert.equal(code, 0, output);
    });
  }

  test('a broken configuration is rejected, naming the component', () => {
    const yaml = renderCollectorYaml({ targets: { jaeger: true } }).replace(
      'exporters:\n        - otlp_grpc/jaeger',
      'exporters:\n        - otlp_grpc/jaeger\n        - otlp_grpc/nowhere',
    );
    assert.match(yaml, /otlp_grpc\/nowhere/, 'the test edit took');
    const { code, output } = validateCollectorConfig(yaml, secrets);
    assert.notEqual(code, 0);
    assert.match(output, /otlp_grpc\/nowhere/);
  });

  test('a component setting of the wrong type is rejected, naming the component', () => {
    const yaml = renderCollectorYaml({ targets: { jaeger: true } }).replace(
      'limit_mib: 256',
      'limit_mib: lots',
    );
    assert.match(yaml, /limit_mib: lots/, 'the test edit took');
    const { code, output } = validateCollectorConfig(yaml, secrets);
    assert.notEqual(code, 0);
    assert.match(output, /memory_limiter/);
  });
});
