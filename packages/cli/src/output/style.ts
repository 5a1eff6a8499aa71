/**
 * Colours for terminal output. `styleText` already checks the target stream: colour only on a TTY, never when
 * NO_COLOR is set, always when FORCE_COLOR is set — so piping `zips status` into a file gives plain text.
 */
import { styleText } from 'node:util';

export type Format = Parameters<typeof styleText>[0];

/** Styles `text` for `stream` (default stdout), or returns it unchanged when that stream should not get colours. */
export function paint(format: Format, text: string, stream: NodeJS.WriteStream = process.stdout): string {
  return styleText(format, text, { stream });
}
