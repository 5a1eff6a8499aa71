// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the tests spell env references (${VAR}, ${env:VAR}) literally
/** The one reader of `--otlp-header name=ENV_VAR`, shared by `zips up`, `zips config` and the embedded collector. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { envVarName, formatHeaderArg, type ParsedHeaderArg, parseHeaderArg } from '../src/header-from-env.js';

describe('parseHeaderArg', () => {
  const cases: [string, ParsedHeaderArg][] = [
    [
      'x-api-key=OTLP_KEY',
      { name: 'x-api-key', reference: 'OTLP_KEY', header: { name: 'x-api-key', env: 'OTLP_KEY' } },
    ],
    ['x-team=${TEAM}', { name: 'x-team', reference: '${TEAM}', header: { name: 'x-team', env: 'TEAM' } }],
    [
      ' authorization = ${env:AUTH} ',
      { name: 'authorization', reference: '${env:AUTH}', header: { name: 'authorization', env: 'AUTH' } },
    ],
    ['x-api-key', { name: 'x-api-key', reference: '', problem: 'no-equals' }],
    ['x api=KEY', { name: 'x api', reference: 'KEY', problem: 'header-name' }],
    ['=KEY', { name: '', reference: 'KEY', problem: 'header-name' }],
    [
      'authorization=Bearer s3cr3t',
      { name: 'authorization', reference: 'Bearer s3cr3t', problem: 'env-name' },
    ],
    ['x-api-key=1KEY', { name: 'x-api-key', reference: '1KEY', problem: 'env-name' }],
    ['x-api-key=', { name: 'x-api-key', reference: '', problem: 'env-name' }],
  ];
  for (const [text, expected] of cases) {
    test(JSON.stringify(text), () => assert.deepEqual(parseHeaderArg(text), expected));
  }

  test('formatHeaderArg writes what parseHeaderArg reads back', () => {
    const header = { name: 'lightstep-access-token', env: 'LIGHTSTEP_ACCESS_TOKEN' };
    assert.deepEqual(parseHeaderArg(formatHeaderArg(header)).header, header);
  });

  test('envVarName accepts VAR, ${VAR} and ${env:VAR} only', () => {
    assert.deepEqual(['A_1', '${B}', '${env:C}', '$D', '${env:}', 'a b'].map(envVarName), [
      'A_1',
      'B',
      'C',
      undefined,
      undefined,
      undefined,
    ]);
  });
});
