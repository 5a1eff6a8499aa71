/**
 * Turns any thrown value into the text `main.ts` prints on stderr. A ZipsError is the user's to fix: message and
 * hint, no stack. Anything else is a bug in zips: say so, and show the stack only with --verbose / DEBUG.
 */
import { ZipsError } from '../errors.js';
import { paint } from './style.js';

export function formatError(
  error: unknown,
  verbose: boolean,
  stream: NodeJS.WriteStream = process.stderr,
): string {
  const label = paint(['red', 'bold'], 'error', stream);
  if (error instanceof ZipsError) {
    const lines = [`${label} ${error.message}`];
    if (error.hint) lines.push(`${paint('dim', 'hint', stream)}  ${error.hint}`);
    if (verbose && error.cause !== undefined) lines.push(describeCause(error.cause));
    if (verbose && error.stack) lines.push(paint('dim', error.stack, stream));
    return lines.join('\n');
  }
  const message = error instanceof Error ? error.message : String(error);
  const lines = [`${label} unexpected failure: ${message}`];
  if (verbose && error instanceof Error && error.stack) lines.push(paint('dim', error.stack, stream));
  else lines.push('Run again with --verbose for details, and please report it as a bug.');
  return lines.join('\n');
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `cause: ${cause.stack ?? cause.message}`;
  return `cause: ${String(cause)}`;
}
