/**
 * The generated compose files against the official Compose Specification JSON schemas: the draft-07 copy in
 * compose-spec/compose-spec and the canonical 2020-12 one in compose-spec/compose-go. A real upstream compose
 * file is the positive control and a broken one the negative control, so the check cannot pass vacuously.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, test } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { defaultStackOptions, renderStackFiles } from '../src/stack/index.js';
import { fixturePath, targetCombinations } from './support/stack-files.js';

const require = createRequire(import.meta.url);
const { default: Ajv } = require('ajv') as typeof import('ajv');
const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020.js');

// The schemas are upstream's, not ours: `strict: false` keeps Ajv from lecturing about their authoring style,
// and the draft-07 copy names its meta-schema with an https URI Ajv does not register, so it is not
// meta-validated (the 2020-12 validator compiles the same definitions and is meta-validated normally).
const schemas = [
  {
    name: 'compose-spec (draft-07)',
    file: fixturePath('compose-spec', 'compose-spec.json'),
    make: () => new Ajv({ allErrors: true, strict: false, validateSchema: false }),
  },
  {
    name: 'compose-go (2020-12)',
    file: fixturePath('compose-go', 'compose-spec.json'),
    make: () => new Ajv2020({ allErrors: true, strict: false }),
  },
];

function composeOf(
  targets: ReturnType<typeof targetCombinations>[number]['targets'],
  outDir: string,
): unknown {
  const files = renderStackFiles({ ...defaultStackOptions(), targets }, { outDir });
  const compose = files.find((file) => file.path.endsWith('docker-compose.yml'));
  assert.ok(compose, 'a compose file is generated');
  return parse(compose.contents);
}

for (const schema of schemas) {
  describe(`compose output validates against ${schema.name}`, {
    skip: schema.file ? false : `fixture missing: ../shared/fixtures (${schema.name})`,
  }, () => {
    const validate: ValidateFunction = schema
      .make()
      .compile(JSON.parse(readFileSync(schema.file ?? '', 'utf8')));
    const check = (document: unknown) => {
      const ok = validate(document);
      assert.equal(ok, true, JSON.stringify(validate.errors, null, 2));
    };

    test('the real Jaeger HotROD compose file (positive control)', {
      skip: fixturePath('jaeger', 'docker-compose.yml') ? false : 'jaeger fixture missing',
    }, () => {
      check(parse(readFileSync(fixturePath('jaeger', 'docker-compose.yml') ?? '', 'utf8')));
    });

    test('a broken compose file is rejected (negative control)', () => {
      assert.equal(validate(parse('services:\n  zips:\n    ports: 5000\n    healthcheck: yes\n')), false);
      assert.equal(
        validate({ name: 'zips', services: { zips: { image: 'zips', unknown_key: true } } }),
        false,
      );
    });

    test('the committed defaults', () => check(composeOf(defaultStackOptions().targets, '.')));

    for (const { name, targets } of targetCombinations()) {
      test(`targets ${name}, at the root and in .zips/stack`, () => {
        check(composeOf(targets, '.'));
        check(composeOf(targets, '.zips/stack'));
      });
    }
  });
}
