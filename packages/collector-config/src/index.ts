import { buildDocument } from './build-document.js';
import { normalize } from './normalize.js';
import type { CollectorConfigInput, CollectorModel, ValidationIssue } from './types.js';
import { validateDocument } from './validate-document.js';
import { validateInput } from './validate-input.js';
import { COLLECTOR_CONTRIB_IMAGE, COLLECTOR_CONTRIB_VERSION } from './versions.js';
import { generatedHeader, toYaml } from './yaml-document.js';

export { buildDocument } from './build-document.js';
export { CollectorConfigError, formatIssues } from './errors.js';
export { normalize, requiredEnv } from './normalize.js';
export type * from './types.js';
export { validateDocument } from './validate-document.js';
export { envVarName, validateInput } from './validate-input.js';
export * from './versions.js';
export { generatedHeader, parseCollectorYaml, type ToYamlOptions, toYaml } from './yaml-document.js';

/**
 * Everything a user can get wrong, in one list: the input's own problems, then (when the input is usable)
 * the generated document checked against the pinned collector release.
 */
export function validate(input: CollectorConfigInput): ValidationIssue[] {
  const issues = validateInput(input);
  if (issues.length > 0) return issues;
  return validateDocument(buildDocument(normalize(input)));
}

/** The collector configuration file for `input` (or an already normalised model), as YAML. */
export function renderCollectorYaml(input: CollectorConfigInput | CollectorModel): string {
  const model = 'collectorVersion' in input ? input : normalize(input);
  const header = generatedHeader(`OpenTelemetry Collector configuration for ${COLLECTOR_CONTRIB_IMAGE}.`, [
    `Component names are those of collector-contrib v${COLLECTOR_CONTRIB_VERSION} (otlp_grpc/otlp_http exporters).`,
    // biome-ignore lint/suspicious/noTemplateCurlyInString: collector env syntax, written literally
    'Secrets are ${env:VAR} references, expanded by the collector at start-up.',
  ]);
  return toYaml(buildDocument(model), header);
}
