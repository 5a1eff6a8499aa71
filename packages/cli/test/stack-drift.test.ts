/** The committed docker-compose.yml, otel-collector.yaml and Tiltfile are exactly the generators' defaults. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkStackFiles, defaultStackOptions, renderStackFiles } from '../src/stack/index.js';
import { repoRoot } from './support/stack-files.js';

test('committed stack files match the generated defaults', async () => {
  const drift = await checkStackFiles(repoRoot, renderStackFiles(defaultStackOptions()));
  const report = drift
    .map((d) => `${d.path}: ${d.problem}${d.line ? ` (first difference at line ${d.line})` : ''}`)
    .join('\n');
  assert.deepEqual(
    drift,
    [],
    `generated files drifted:\n${report}\nRun \`npx zips config --write\` and commit the result.`,
  );
});
