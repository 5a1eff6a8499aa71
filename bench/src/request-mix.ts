/**
 * The request mixes of the server bench (issue 15): besides one fixed ZIP, a uniform draw over every ZIP code of
 * the dataset and a skewed (Zipf, s = 1) draw over a seeded shuffle of them, each with a small share of unknown
 * (well-formed, absent) and malformed codes, so that caches, branch predictors and the error paths see what a
 * real client population sends. Every path comes with the status the server must answer, so the bench checks
 * each run's status counts against what it sent.
 */
import { readFileSync } from 'node:fs';
import type { DatasetFile } from '@zips/server';
import { type Random, seededRandom } from '@zips/test-support/prng';

/** How the known ZIP codes are drawn. */
export type MixKind = 'uniform' | 'zipf';
/** `json`: `GET /zips/<zip>`; `html`: `GET /<zip>`. */
export type MixRoute = 'json' | 'html';

export interface RequestMixOptions {
  kind: MixKind;
  route: MixRoute;
  /** The ZIP codes of the dataset. */
  zips: readonly string[];
  /** Paths in the list; the load tool walks it in order and wraps around. @default 131072 */
  size?: number;
  /** @default 15 */
  seed?: number;
  /** Share of well-formed codes absent from the dataset (404). @default 0.01 */
  unknownRate?: number;
  /** Share of codes that are not 5 ASCII digits (400). @default 0.005 */
  malformedRate?: number;
}

/** Parallel lists: the i-th path and the status it must answer. */
export interface RequestMix {
  paths: string[];
  statuses: number[];
}

/** The ZIP codes of `data/zips.json` (or another file `npm run data` wrote). */
export function readZipCodes(file: string): string[] {
  const dataset = JSON.parse(readFileSync(file, 'utf8')) as DatasetFile;
  return dataset.records.map((record) => record.zip);
}

export function buildRequestMix(options: RequestMixOptions): RequestMix {
  const { kind, route, zips, size = 131_072, seed = 15, unknownRate = 0.01, malformedRate = 0.005 } = options;
  const random = seededRandom(seed);
  const known = new Set(zips);
  const drawKnown =
    kind === 'uniform' ? () => random.pick(zips) : zipfSampler(shuffled(zips, random), random);
  const prefix = route === 'json' ? '/zips/' : '/';
  const mix: RequestMix = { paths: [], statuses: [] };
  for (let i = 0; i < size; i++) {
    const roll = random.next();
    const [code, status] =
      roll < malformedRate
        ? [malformedCode(random), 400]
        : roll < malformedRate + unknownRate
          ? [unknownCode(random, known), 404]
          : [drawKnown(), 200];
    mix.paths.push(prefix + code);
    mix.statuses.push(status);
  }
  return mix;
}

/** Fisher-Yates on a copy, so which ZIP is the most requested depends on the seed, not on the sort order. */
function shuffled(items: readonly string[], random: Random): string[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as string, copy[i] as string];
  }
  return copy;
}

/** Draws the k-th item with probability ∝ 1/k (Zipf, s = 1): inverse CDF by binary search. */
function zipfSampler(ranked: readonly string[], random: Random): () => string {
  const cumulative = new Float64Array(ranked.length);
  let total = 0;
  for (let k = 0; k < ranked.length; k++) {
    total += 1 / (k + 1);
    cumulative[k] = total;
  }
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = ranked.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return ranked[low] as string;
  };
}

/** Five digits that are no ZIP code of the dataset (00000-style gaps: 58 % of 5-digit codes are unused). */
function unknownCode(random: Random, known: ReadonlySet<string>): string {
  for (;;) {
    const code = String(random.int(100_000)).padStart(5, '0');
    if (!known.has(code)) return code;
  }
}

/** What a client gets wrong: a digit too few or too many, or a letter among the digits. */
function malformedCode(random: Random): string {
  const digits = (n: number) => Array.from({ length: n }, () => String(random.int(10))).join('');
  switch (random.int(3)) {
    case 0:
      return digits(4);
    case 1:
      return digits(6);
    default: {
      const code = digits(5);
      const at = random.int(5);
      return `${code.slice(0, at)}x${code.slice(at + 1)}`;
    }
  }
}
