/** Shared inputs of the stack-* tests: the target combinations and the repository / fixture locations. */
import type { TargetsInput } from '@zips/collector-config';

export { fixturePath, repoRoot } from './paths.js';

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
