import { OtlpDecodeError } from './decode-error.js';

/** Protobuf wire types (https://protobuf.dev/programming-guides/encoding/#structure). */
export const WireType = {
  varint: 0,
  fixed64: 1,
  lengthDelimited: 2,
  startGroup: 3,
  endGroup: 4,
  fixed32: 5,
} as const;

const TWO_POW_32 = 2 ** 32;

/**
 * A minimal protobuf wire-format reader over one message's bytes, reading only what the OTLP trace messages use.
 * Hand-written rather than generated (protobufjs' static code) so that ids come out as hex and int64 values exact
 * without an intermediate object per field. Every read is bounds-checked and throws {@link OtlpDecodeError}
 * naming `path`, so a truncated or corrupt body becomes a 400, never a crash. Embedded messages share the
 * parent's Buffer; fixed-width fields are read from it directly (a DataView per embedded message cost about 40%
 * of decode throughput: docs/benchmarks.md).
 */
export class ProtobufReader {
  readonly #buf: Buffer;
  #pos: number;
  readonly #end: number;
  readonly path: string;

  constructor(buf: Buffer, path: string, start = 0, end = buf.length) {
    this.#buf = buf;
    this.#pos = start;
    this.#end = end;
    this.path = path;
  }

  get atEnd(): boolean {
    return this.#pos >= this.#end;
  }

  /** Reads a field tag; returns the field number and wire type. */
  tag(): { field: number; wireType: number } {
    const tag = this.uint32();
    const field = tag >>> 3;
    if (field === 0) throw this.#error('invalid field number 0');
    return { field, wireType: tag & 7 };
  }

  /** A varint that fits in 32 bits (tags, lengths, enums, uint32). Larger values keep their low 32 bits. */
  uint32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 10; i++) {
      const byte = this.#byte();
      if (shift < 32) result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result % TWO_POW_32;
      shift += 7;
    }
    throw this.#error('varint longer than 10 bytes');
  }

  /** A signed int64 varint: a number when it is a safe integer, otherwise its decimal string (OTLP/JSON style). */
  int64(): number | string {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.#byte();
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) {
        const signed = BigInt.asIntN(64, result);
        const n = Number(signed);
        return Number.isSafeInteger(n) ? n : signed.toString();
      }
      shift += 7n;
    }
    throw this.#error('varint longer than 10 bytes');
  }

  bool(): boolean {
    return this.uint32() !== 0;
  }

  fixed64(): bigint {
    return this.#buf.readBigUInt64LE(this.#take(8));
  }

  double(): number {
    return this.#buf.readDoubleLE(this.#take(8));
  }

  /** Start and end offsets of a length-delimited field's payload; the reader moves past it. */
  span(): [number, number] {
    const length = this.uint32();
    const start = this.#take(length);
    return [start, start + length];
  }

  string(): string {
    const [start, end] = this.span();
    return this.#buf.toString('utf8', start, end);
  }

  hex(): string {
    const [start, end] = this.span();
    return this.#buf.toString('hex', start, end);
  }

  base64(): string {
    const [start, end] = this.span();
    return this.#buf.toString('base64', start, end);
  }

  /** A reader over an embedded message. */
  message(path: string): ProtobufReader {
    const [start, end] = this.span();
    return new ProtobufReader(this.#buf, path, start, end);
  }

  /** Skips a field of an unknown number, as protobuf requires for forward compatibility. */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.varint:
        this.int64();
        return;
      case WireType.fixed64:
        this.#take(8);
        return;
      case WireType.lengthDelimited:
        this.span();
        return;
      case WireType.fixed32:
        this.#take(4);
        return;
      default:
        // Groups are deprecated and never used by OTLP; anything else is corruption.
        throw this.#error(`unsupported wire type ${wireType}`);
    }
  }

  #byte(): number {
    if (this.#pos >= this.#end) throw this.#error('message is truncated');
    return this.#buf[this.#pos++] as number;
  }

  #take(length: number): number {
    const start = this.#pos;
    if (length > this.#end - start) throw this.#error('message is truncated');
    this.#pos += length;
    return start;
  }

  #error(problem: string): OtlpDecodeError {
    return new OtlpDecodeError(this.path, `invalid protobuf: ${problem}`);
  }
}
