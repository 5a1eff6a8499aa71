import { posix } from 'node:path';
import { normalize, renderCollectorYaml } from '@zips/collector-config';
import { renderCompose } from './render-compose.js';
import { renderTiltfile } from './render-tiltfile.js';
import type { GeneratedFile, StackLayout, StackOptions } from './stack-options.js';

export const COMPOSE_FILE = 'docker-compose.yml';
export const COLLECTOR_CONFIG_FILE = 'otel-collector.yaml';
export const TILTFILE = 'Tiltfile';

/**
 * Renders the stack's files for `options`. The Tiltfile only makes sense at the repository root, so it is
 * generated for `outDir: '.'` only.
 * @throws CollectorConfigError when the targets are invalid (every issue has a dot path and a fix).
 */
export function renderStackFiles(
  options: StackOptions,
  layout: StackLayout = { outDir: '.' },
): GeneratedFile[] {
  const outDir = posix.normalize(layout.outDir.replaceAll('\\', '/')).replace(/\/$/, '');
  if (outDir.startsWith('..') || posix.isAbsolute(outDir)) {
    throw new Error(`stack outDir must lie inside the repository, got "${layout.outDir}"`);
  }
  const model = normalize({ targets: options.targets });
  const buildContext = outDir === '.' ? '.' : posix.relative(outDir, '.');
  const files: GeneratedFile[] = [
    {
      path: posix.join(outDir, COMPOSE_FILE),
      contents: renderCompose(options, {
        model,
        buildContext,
        collectorConfig: `./${COLLECTOR_CONFIG_FILE}`,
      }),
    },
    { path: posix.join(outDir, COLLECTOR_CONFIG_FILE), contents: renderCollectorYaml(model) },
  ];
  if (outDir === '.') {
    files.push({
      path: TILTFILE,
      contents: renderTiltfile(options, {
        jaeger: model.targets.some((target) => target.kind === 'jaeger'),
        queueOwner: model.sendingQueue.storage === 'disk',
      }),
    });
  }
  return files;
}
