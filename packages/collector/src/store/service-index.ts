import { SPAN_KIND_NAMES as KIND_NAMES, type OtlpSpan } from '../otlp/span.js';

export interface Operation {
  name: string;
  spanKind: string;
}

/**
 * Reference-counted index of the services and operations of the spans currently stored, so that services whose
 * traces were all evicted disappear from `services()` instead of lingering forever.
 */
export class ServiceIndex {
  readonly #services = new Map<string, Map<string, { operation: Operation; count: number }>>();

  add(span: OtlpSpan): void {
    let operations = this.#services.get(span.resource.serviceName);
    if (operations === undefined) {
      operations = new Map();
      this.#services.set(span.resource.serviceName, operations);
    }
    const key = `${span.kind}:${span.name}`;
    const entry = operations.get(key);
    if (entry === undefined) {
      operations.set(key, { operation: { name: span.name, spanKind: KIND_NAMES[span.kind] }, count: 1 });
    } else entry.count++;
  }

  remove(span: OtlpSpan): void {
    const operations = this.#services.get(span.resource.serviceName);
    const key = `${span.kind}:${span.name}`;
    const entry = operations?.get(key);
    if (operations === undefined || entry === undefined) return;
    if (--entry.count > 0) return;
    operations.delete(key);
    if (operations.size === 0) this.#services.delete(span.resource.serviceName);
  }

  services(): string[] {
    return [...this.#services.keys()].sort();
  }

  /** Operations of one service (all services when undefined), optionally of one span kind, sorted by name. */
  operations(service: string | undefined, spanKind?: string): Operation[] {
    const groups =
      service === undefined ? [...this.#services.values()] : [this.#services.get(service) ?? new Map()];
    const result: Operation[] = [];
    for (const operations of groups) {
      for (const { operation } of operations.values()) {
        if (spanKind === undefined || spanKind === '' || operation.spanKind === spanKind)
          result.push(operation);
      }
    }
    return result.sort((a, b) => a.name.localeCompare(b.name) || a.spanKind.localeCompare(b.spanKind));
  }
}
