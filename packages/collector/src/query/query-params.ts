import type { TraceQuery } from '../store/trace-store.js';

/** A malformed query parameter; the query API answers 400 naming it, as Jaeger's gateway does. */
export class QueryParamError extends Error {
  readonly param: string;

  constructor(param: string, problem: string) {
    super(`malformed parameter ${param}: ${problem}`);
    this.name = 'QueryParamError';
    this.param = param;
  }
}

/** Jaeger api/v3 FindTraces parameters: the snake_case names of Jaeger's gateway and the camelCase of its OpenAPI. */
const NAMES = {
  service: ['query.service_name', 'query.serviceName'],
  operation: ['query.operation_name', 'query.operationName'],
  startMin: ['query.start_time_min', 'query.startTimeMin'],
  startMax: ['query.start_time_max', 'query.startTimeMax'],
  durationMin: ['query.duration_min', 'query.durationMin'],
  durationMax: ['query.duration_max', 'query.durationMax'],
  limit: ['query.search_depth', 'query.searchDepth', 'query.num_traces', 'query.numTraces'],
  rawTraces: ['query.raw_traces', 'query.rawTraces'],
} as const;

/** Most traces one search returns, whatever was asked. */
export const MAX_SEARCH_DEPTH = 1000;

/**
 * Parses FindTraces parameters. Unlike Jaeger, the start-time range is optional (default: the whole buffer), since
 * the store holds only recent traces anyway.
 * @throws {QueryParamError}
 */
export function parseFindTracesQuery(params: URLSearchParams): TraceQuery {
  const query: TraceQuery = {};
  const service = get(params, NAMES.service);
  if (service !== undefined && service[1] !== '') query.service = service[1];
  const operation = get(params, NAMES.operation);
  if (operation !== undefined && operation[1] !== '') query.operation = operation[1];
  const startMin = get(params, NAMES.startMin);
  if (startMin !== undefined) query.startMin = parseTimestamp(startMin[1], startMin[0]);
  const startMax = get(params, NAMES.startMax);
  if (startMax !== undefined) query.startMax = parseTimestamp(startMax[1], startMax[0]);
  const durationMin = get(params, NAMES.durationMin);
  if (durationMin !== undefined) query.durationMin = parseGoDuration(durationMin[1], durationMin[0]);
  const durationMax = get(params, NAMES.durationMax);
  if (durationMax !== undefined) query.durationMax = parseGoDuration(durationMax[1], durationMax[0]);
  const limit = get(params, NAMES.limit);
  if (limit !== undefined) query.limit = parseLimit(limit[1], limit[0]);
  const raw = get(params, NAMES.rawTraces);
  if (raw !== undefined) parseBool(raw[1], raw[0]);
  return query;
}

/** The first present parameter among `names`, as [name, value]; empty values count as absent. */
function get(params: URLSearchParams, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const value = params.get(name);
    if (value !== null && value !== '') return [name, value];
  }
  return undefined;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/** RFC 3339 with up to nanosecond precision (Go's time.RFC3339Nano), as Unix nanoseconds. */
export function parseTimestamp(value: string, param: string): bigint {
  const match = RFC3339.exec(value);
  const ms = match === null ? Number.NaN : Date.parse(`${match[1]}${match[3]}`.replace(' ', 'T'));
  if (match === null || Number.isNaN(ms)) {
    throw new QueryParamError(
      param,
      `"${value}" is not an RFC 3339 timestamp (e.g. 2026-01-31T12:00:00.000Z)`,
    );
  }
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0') || '0');
  return BigInt(ms) * 1_000_000n + fraction;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};
const DURATION = /^([+-]?)((?:\d*\.?\d+(?:ns|us|µs|μs|ms|s|m|h))+|0)$/;
const DURATION_PART = /(\d*\.?\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** A Go duration string (time.ParseDuration: "1.5s", "300ms", "1h2m"), as nanoseconds. */
export function parseGoDuration(value: string, param: string): bigint {
  const match = DURATION.exec(value);
  if (match === null) {
    throw new QueryParamError(
      param,
      `"${value}" is not a duration; use a number with a unit, e.g. 250ms, 1.5s, 2m`,
    );
  }
  let nanos = 0;
  for (const [, amount, unit] of value.matchAll(DURATION_PART)) {
    nanos += Number(amount) * (DURATION_UNITS[unit as string] as number);
  }
  return BigInt(Math.round(match[1] === '-' ? -nanos : nanos));
}

function parseLimit(value: string, param: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new QueryParamError(param, `"${value}" is not a non-negative integer`);
  }
  // Jaeger treats 0 as "the default".
  return n === 0 ? 20 : Math.min(n, MAX_SEARCH_DEPTH);
}

function parseBool(value: string, param: string): boolean {
  if (/^(1|t|true|TRUE|True)$/.test(value)) return true;
  if (/^(0|f|false|FALSE|False)$/.test(value)) return false;
  throw new QueryParamError(param, `"${value}" is not a boolean (true or false)`);
}

/** Jaeger accepts trace ids of up to 32 hex digits and left-pads shorter ones with zeros. */
export function parseTraceId(value: string, param = 'trace_id'): string {
  if (!/^[0-9a-fA-F]{1,32}$/.test(value)) {
    throw new QueryParamError(param, `"${value}" is not a trace id (1 to 32 hexadecimal characters)`);
  }
  return value.toLowerCase().padStart(32, '0');
}

/** Validates the optional start_time/end_time/raw_traces hints of GetTrace (the store needs no hints). */
export function checkGetTraceParams(params: URLSearchParams): void {
  for (const name of ['start_time', 'startTime', 'end_time', 'endTime']) {
    const value = params.get(name);
    if (value !== null && value !== '') parseTimestamp(value, name);
  }
  for (const name of ['raw_traces', 'rawTraces']) {
    const value = params.get(name);
    if (value !== null && value !== '') parseBool(value, name);
  }
}
