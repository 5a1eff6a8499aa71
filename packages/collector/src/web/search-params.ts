import { MAX_SEARCH_DEPTH, parseGoDuration, QueryParamError } from '../query/query-params.js';
import type { TraceFilter } from '../view/trace-filter.js';
import { WebInputError } from './web-input-error.js';

/** What `/search` was asked for: Jaeger UI's parameters where they make sense, plus `errors` and `health`. */
export interface SearchRequest {
  filter: TraceFilter;
  /** The window traces must have started in, epoch ms. */
  fromMs: number;
  toMs: number;
  limit: number;
  /** The values as given, to fill the form in again. */
  form: SearchForm;
}

export interface SearchForm {
  service: string;
  operation: string;
  minDuration: string;
  maxDuration: string;
  lookback: string;
  limit: string;
  errors: boolean;
  health: boolean;
}

/** Jaeger UI's default lookback and result count. */
export const DEFAULT_LOOKBACK = '1h';
export const DEFAULT_LIMIT = 20;

const LOOKBACK_UNITS_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const LOOKBACK = /^(\d{1,6})(s|m|h|d|w)$/;

/** Parses `/search`'s query; `nowMs` ends the lookback window. @throws {WebInputError} */
export function parseSearchParams(params: URLSearchParams, nowMs: number): SearchRequest {
  const text = (name: string) => (params.get(name) ?? '').trim();
  const form: SearchForm = {
    service: text('service'),
    operation: text('operation'),
    minDuration: text('minDuration'),
    maxDuration: text('maxDuration'),
    lookback: text('lookback') || DEFAULT_LOOKBACK,
    limit: text('limit') || String(DEFAULT_LIMIT),
    errors: isOn(text('errors')),
    health: isOn(text('health')),
  };
  const [fromMs, toMs] = timeWindow(form.lookback, params, nowMs);
  return {
    filter: {
      service: form.service || undefined,
      route: form.operation || undefined,
      minDurationMs: duration('minDuration', form.minDuration),
      maxDurationMs: duration('maxDuration', form.maxDuration),
      errorsOnly: form.errors,
      showHealth: form.health,
      sinceMs: fromMs,
    },
    fromMs,
    toMs,
    limit: parseLimit(form.limit),
    form,
  };
}

function isOn(value: string): boolean {
  return /^(1|on|true|yes)$/i.test(value);
}

/** A Go duration as Jaeger takes it (`10ms`, `1.2s`, `1m30s`), in ms. */
function duration(param: string, value: string): number | undefined {
  if (value === '') return undefined;
  try {
    const nanos = parseGoDuration(value, param);
    if (nanos < 0n) throw new QueryParamError(param, 'a duration cannot be negative');
    return Number(nanos) / 1e6;
  } catch (error) {
    if (!(error instanceof QueryParamError)) throw error;
    throw new WebInputError(
      param,
      `"${value}" is not a duration`,
      'Use a number with a unit, as in Jaeger: 10ms, 1.2s, 1m30s; or leave it empty.',
    );
  }
}

/** `lookback=1h` (Jaeger UI's choices, any `<n>s|m|h|d|w`), or `lookback=custom` with `start`/`end` in µs. */
function timeWindow(lookback: string, params: URLSearchParams, nowMs: number): [number, number] {
  if (lookback === 'custom') {
    const start = micros(params, 'start', 0);
    const end = micros(params, 'end', nowMs * 1000);
    return [start / 1000, end / 1000];
  }
  const match = LOOKBACK.exec(lookback);
  if (match === null) {
    throw new WebInputError(
      'lookback',
      `"${lookback}" is not a lookback`,
      'Use a number and a unit as Jaeger UI does: 15m, 1h, 2d, 1w; or custom with start and end in microseconds.',
    );
  }
  return [nowMs - Number(match[1]) * (LOOKBACK_UNITS_MS[match[2] as string] as number), nowMs];
}

function micros(params: URLSearchParams, param: string, fallback: number): number {
  const value = (params.get(param) ?? '').trim();
  if (value === '') return fallback;
  if (!/^\d{1,17}$/.test(value)) {
    throw new WebInputError(
      param,
      `"${value}" is not a time in microseconds since the epoch`,
      `Give ${param} as Jaeger UI does, e.g. ${param}=${Date.now() * 1000}, or use lookback=1h.`,
    );
  }
  return Number(value);
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!/^\d{1,7}$/.test(value) || n < 1 || n > MAX_SEARCH_DEPTH) {
    throw new WebInputError(
      'limit',
      `"${value}" is not a number of traces from 1 to ${MAX_SEARCH_DEPTH}`,
      `Use e.g. limit=${DEFAULT_LIMIT}.`,
    );
  }
  return n;
}
