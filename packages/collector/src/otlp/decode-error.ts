/**
 * The error every OTLP decoder throws for input it cannot read. `path` names the offending field (for example
 * `resourceSpans[0].scopeSpans[1].spans[3].startTimeUnixNano`) so a receiver can answer 400 with a message the
 * sender can act on.
 */
export class OtlpDecodeError extends Error {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(path === '' ? problem : `${path}: ${problem}`);
    this.name = 'OtlpDecodeError';
    this.path = path;
  }
}
