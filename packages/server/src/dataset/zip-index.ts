import type { ZipRecord } from '../types.js';
import { foldName } from './fold-name.js';

/** Filters for {@link ZipIndex.filter}; every given filter must match. */
export interface ZipFilter {
  /** Upper-case USPS state code. */
  state?: string | undefined;
  /** City name, matched case- and accent-insensitively. */
  city?: string | undefined;
}

/**
 * The in-memory dataset: O(1) lookup by ZIP and precomputed per-state and per-city lists, all in ZIP order,
 * so filters never scan the whole dataset.
 */
export class ZipIndex {
  readonly #byZip = new Map<string, ZipRecord>();
  readonly #byState = new Map<string, ZipRecord[]>();
  readonly #byCity = new Map<string, ZipRecord[]>();
  readonly #all: readonly ZipRecord[];

  /** @param records sorted by `zip`, one per ZIP code, as `data/zips.json` stores them. */
  constructor(records: readonly ZipRecord[]) {
    this.#all = records;
    for (const record of records) {
      this.#byZip.set(record.zip, record);
      if (record.state) push(this.#byState, record.state, record);
      push(this.#byCity, foldName(record.city), record);
    }
  }

  get size(): number {
    return this.#all.length;
  }

  /** Every record, in ZIP order. */
  all(): readonly ZipRecord[] {
    return this.#all;
  }

  get(zip: string): ZipRecord | undefined {
    return this.#byZip.get(zip);
  }

  hasState(state: string): boolean {
    return this.#byState.has(state);
  }

  /** State codes present in the data, sorted. */
  states(): string[] {
    return [...this.#byState.keys()].sort();
  }

  /** Records matching every given filter, in ZIP order. */
  filter({ state, city }: ZipFilter): readonly ZipRecord[] {
    if (city !== undefined) {
      const byCity = this.#byCity.get(foldName(city)) ?? [];
      return state === undefined ? byCity : byCity.filter((record) => record.state === state);
    }
    if (state !== undefined) return this.#byState.get(state) ?? [];
    return this.#all;
  }
}

function push(map: Map<string, ZipRecord[]>, key: string, record: ZipRecord): void {
  const list = map.get(key);
  if (list) list.push(record);
  else map.set(key, [record]);
}
