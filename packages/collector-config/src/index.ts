import { buildDocument } from './build-document.js';
import { normalize } from './normalize.js';
import type { CollectorConfigInput, CollectorModel, ValidationIssue } from './types.js';
import { validateDocument } from './validate-document.js';
import { validateInput } from './validate-input.js';
import { COLLECTOR_CONTRIB_IMAGE, COLLECTOR_CONTRIB_VERSION } from './versions.js';
import { generatedHeader, toYaml } from './yaml-document.js';

export { buildDocument } from './build-document.js';
export { CollectorConfigError, formatIssues } from './errors.js';
export * from './header-from-env.js';
export { normalize, requiredEnv } from './normalize.js';
export type * from './types.js';
export { validateDocument } from './validate-document.js';
export { validateInput } from './validate-input.js';
export * from './versions.js';
export { generatedHeader, parseCollectorYaml, type ToYamlOptions, toYaml } from './yaml-document.js';

/** Why the configuration looks the way it does, written into the file for whoever reads it. */
const COLLECTOR_COMMENTS = {
  'extensions.health_check': 'Answers GET / on 13133 once the pipelines run; zips polls it.',
  'extensions.file_storage/queue':
    "The exporters' queue on disk: spans waiting for a destination survive a collector restart.",
  'receivers.otlp':
    'Bound to 0.0.0.0: since v0.104 the default is localhost, which other containers cannot reach.',
  'processors.memory_limiter': 'First in every pipeline, so data is refused before anything buffers it.',
  exporters:
    'Each exporter queues (on disk, bounded in bytes), batches (sending_queue.batch, which current releases\nrecommend over the batch processor) and retries for up to 10 minutes on its own, so one slow destination does\nnot hold up the others and an outage of a few minutes loses nothing.',
};

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
  return toYaml(buildDocument(model), header, { comments: COLLECTOR_COMMENTS });
}
