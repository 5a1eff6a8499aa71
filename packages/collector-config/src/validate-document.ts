import type { ValidationIssue } from './types.js';
import { DEPRECATED_COMPONENT_TYPES, KNOWN_COMPONENT_TYPES } from './versions.js';

type Section = keyof typeof KNOWN_COMPONENT_TYPES;
const SECTIONS = Object.keys(KNOWN_COMPONENT_TYPES) as Section[];
const PIPELINE_SECTIONS = ['receivers', 'processors', 'exporters'] as const;
const COMPONENT_ID = /^([a-z][a-z0-9_]*)(?:\/([^\s/]+))?$/;
const SIGNALS = ['traces', 'metrics', 'logs', 'profiles'];

/**
 * Checks a Collector configuration document (built or parsed from YAML) against the pinned release: component
 * ids are `type[/name]` with a type that release knows, and every id the service references is defined.
 */
export function validateDocument(document: unknown): ValidationIssue[] {
  if (!isRecord(document)) {
    return [
      {
        path: '',
        message: 'the configuration is not a mapping.',
        fix: 'regenerate it with `zips config --write`.',
      },
    ];
  }
  const issues = SECTIONS.flatMap((section) => checkSection(section, document[section]));
  return [...issues, ...checkService(document)];
}

function checkSection(section: Section, value: unknown): ValidationIssue[] {
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) {
    return [
      {
        path: section,
        message: `${section} must be a mapping of component ids.`,
        fix: `write ${section}: {}`,
      },
    ];
  }
  return Object.keys(value).flatMap((id) => checkComponentId(section, id));
}

function checkComponentId(section: Section, id: string): ValidationIssue[] {
  const path = `${section}.${id}`;
  const type = COMPONENT_ID.exec(id)?.[1];
  if (type === undefined) {
    return [
      {
        path,
        message: `"${id}" is not a component id.`,
        fix: 'use type or type/name, e.g. otlp_grpc/jaeger.',
      },
    ];
  }
  const renamed = DEPRECATED_COMPONENT_TYPES[type];
  if (renamed !== undefined && section === 'exporters') {
    return [
      { path, message: `"${type}" is a deprecated alias.`, fix: `use "${renamed}${id.slice(type.length)}".` },
    ];
  }
  const known: readonly string[] = KNOWN_COMPONENT_TYPES[section];
  if (known.includes(type)) return [];
  return [
    {
      path,
      message: `unknown ${section.replace(/s$/, '')} type "${type}".`,
      fix: `use one of: ${known.join(', ') || '(none)'}.`,
    },
  ];
}

function checkService(document: Record<string, unknown>): ValidationIssue[] {
  const service = document.service;
  if (!isRecord(service) || !isRecord(service.pipelines) || Object.keys(service.pipelines).length === 0) {
    return [
      { path: 'service.pipelines', message: 'no pipeline is defined.', fix: 'add service.pipelines.traces.' },
    ];
  }
  const issues = checkReferences('service.extensions', service.extensions, 'extensions', document);
  for (const [name, pipeline] of Object.entries(service.pipelines)) {
    issues.push(...checkPipeline(`service.pipelines.${name}`, name, pipeline, document));
  }
  return [...issues, ...checkQueueStorage(document, service.extensions)];
}

/** A persistent queue names a storage extension, which the collector only starts when the service lists it. */
function checkQueueStorage(document: Record<string, unknown>, started: unknown): ValidationIssue[] {
  const exporters = isRecord(document.exporters) ? document.exporters : {};
  const extensions = isRecord(document.extensions) ? document.extensions : {};
  return Object.entries(exporters).flatMap(([id, exporter]): ValidationIssue[] => {
    const queue = isRecord(exporter) ? exporter.sending_queue : undefined;
    const storage = isRecord(queue) ? queue.storage : undefined;
    if (storage === undefined) return [];
    const path = `exporters.${id}.sending_queue.storage`;
    if (typeof storage !== 'string' || !(storage in extensions)) {
      return [
        {
          path,
          message: `names "${String(storage)}", which is not defined under extensions.`,
          fix: `define extensions.${String(storage)} (a file_storage extension) or remove the storage setting.`,
        },
      ];
    }
    if (!Array.isArray(started) || !started.includes(storage)) {
      return [
        {
          path,
          message: `names "${storage}", which service.extensions does not start.`,
          fix: `add ${storage} to service.extensions.`,
        },
      ];
    }
    return [];
  });
}

function checkPipeline(path: string, name: string, pipeline: unknown, document: Record<string, unknown>) {
  const issues: ValidationIssue[] = [];
  if (!SIGNALS.includes(name.split('/')[0] ?? '')) {
    issues.push({
      path,
      message: `"${name}" is not a pipeline id.`,
      fix: `name it after its signal, e.g. traces.`,
    });
  }
  if (!isRecord(pipeline))
    return [...issues, { path, message: 'the pipeline is not a mapping.', fix: 'regenerate.' }];
  for (const section of PIPELINE_SECTIONS) {
    const ids = pipeline[section];
    if (section !== 'processors' && (!Array.isArray(ids) || ids.length === 0)) {
      issues.push({
        path: `${path}.${section}`,
        message: `the pipeline has no ${section}.`,
        fix: `list at least one.`,
      });
      continue;
    }
    issues.push(...checkReferences(`${path}.${section}`, ids, section, document));
  }
  const first = Array.isArray(pipeline.processors) ? pipeline.processors.indexOf('memory_limiter') : -1;
  if (first > 0) {
    issues.push({
      path: `${path}.processors`,
      message:
        'memory_limiter is not the first processor, so data is buffered before the limiter can refuse it.',
      fix: 'move memory_limiter to the front of the list.',
    });
  }
  return issues;
}

function checkReferences(path: string, ids: unknown, section: Section, document: Record<string, unknown>) {
  if (ids === undefined) return [];
  if (!Array.isArray(ids))
    return [{ path, message: 'must be a list of component ids.', fix: 'write a YAML list.' }];
  const defined = isRecord(document[section]) ? document[section] : {};
  const issues: ValidationIssue[] = [];
  ids.forEach((id: unknown, index) => {
    const at = `${path}[${index}]`;
    if (typeof id !== 'string' || !(id in defined)) {
      issues.push({
        path: at,
        message: `references "${String(id)}", which is not defined under ${section}.`,
        fix: `define ${section}.${String(id)} or remove it from the list.`,
      });
    } else if (ids.indexOf(id) !== index) {
      issues.push({ path: at, message: `"${id}" is listed twice.`, fix: 'list every component once.' });
    }
  });
  return issues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
