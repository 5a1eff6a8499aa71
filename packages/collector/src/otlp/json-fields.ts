import { OtlpDecodeError } from './decode-error.js';

/** Typed readers of parsed JSON values; each throws an {@link OtlpDecodeError} naming the field's path. */

export type Json = Record<string, unknown>;

export function pick(json: Json, camel: string, snake: string): unknown {
  const value = json[camel];
  return value === undefined ? json[snake] : value;
}

export function asObject(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OtlpDecodeError(path, `expected a JSON object, got ${describe(value)}`);
  }
  return value as Json;
}

export function optionalObject(value: unknown, path: string): Json | undefined {
  return value === undefined || value === null ? undefined : asObject(value, path);
}

export function optionalArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(path, `expected a JSON array, got ${describe(value)}`);
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new OtlpDecodeError(path, `expected a string, got ${describe(value)}`);
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : expectString(value, path);
}

/** Hex ids are case-insensitive in OTLP/JSON; zips stores them lower-case. Validity is checked by the caller. */
export function readId(value: unknown, path: string): string {
  return (optionalString(value, path) ?? '').toLowerCase();
}

const INTEGER = /^-?\d+$/;

export function readUint64(value: unknown, path: string): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const n = BigInt(value);
    if (n < 2n ** 64n) return n;
  }
  throw new OtlpDecodeError(
    path,
    `expected an unsigned 64-bit integer (string or number), got ${describe(value)}`,
  );
}

export function readInt64(value: unknown, path: string): number | string {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && INTEGER.test(value)) {
    const n = BigInt(value);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) {
      const asNumber = Number(n);
      // Beyond 2^53 the exact value is kept as its decimal string, as OTLP/JSON writes it.
      return Number.isSafeInteger(asNumber) ? asNumber : n.toString();
    }
  }
  throw new OtlpDecodeError(path, `expected a 64-bit integer (string or number), got ${describe(value)}`);
}

export function readDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw new OtlpDecodeError(path, `expected a number, got ${describe(value)}`);
}

export function readEnum(value: unknown, names: Record<string, number>, path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && Object.hasOwn(names, value)) return names[value] as number;
  throw new OtlpDecodeError(path, `expected an enum integer or name, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
