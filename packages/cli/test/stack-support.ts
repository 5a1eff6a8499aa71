/** Shared inputs of the stack-* tests: the target combinations and the repository / fixture locations. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TargetsInput } from '@zips/collector-config';

/** Repository root, from packages/cli/dist/test/<file>.js. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The shared upstream fixtures (../shared/fixtures from the repository root), or undefined when absent. */
export function fixturePath(...parts: string[]): string | undefined {
  const path = join(repoRoot, '..', 'shared', 'fixtures', ...parts);
  return existsSync(path) ? path : undefined;
}

const building: Record<string, TargetsInput> = {
  jaeger: { jaeger: true },
  lightstep: { lightstep: true },
  otlp: {
    otlp: [
      {
        name: 'acme',
        endpoint: 'https://otlp.acme.test',
        protocol: 'http',
        headers: { 'x-api-key': 'ACME_KEY' },
      },
    ],
  },
  debug: { debug: true },
};

/** Every non-empty combination of the four target kinds, plus the EU and gRPC variants. */
export function targetCombinations(): { name: string; targets: TargetsInput }[] {
  const kinds = Object.keys(building);
  const combinations: { name: string; targets: TargetsInput }[] = [];
  for (let mask = 1; mask < 1 << kinds.length; mask++) {
    const chosen = kinds.filter((_, bit) => mask & (1 << bit));
    combinations.push({
      name: chosen.join('+'),
      targets: Object.assign({}, ...chosen.map((kind) => building[kind])),
    });
  }
  combinations.push(
    { name: 'lightstep-eu', targets: { lightstep: { region: 'eu', tokenEnv: 'LS_TOKEN' } } },
    {
      name: 'otlp-grpc-insecure',
      targets: { otlp: [{ name: 'local', endpoint: 'otel.internal:4317', insecure: true }] },
    },
  );
  return combinations;
}
