/**
 * Terminal input arrives in chunks, and one chunk can hold several keys: typed fast, pasted, or sent at once
 * (`tmux send-keys j j j Enter` writes "jjj\r"). Ink hands such a chunk to useInput as a single "key" whose
 * flags are all false, so without splitting every key in it was dropped. This splits a chunk into the key
 * presses it holds, in order.
 */
import type { KeyPress } from './dashboard-state.js';

/** CSI sequences the dashboard knows (xterm and the Linux console): arrows and page keys. */
const CSI: Record<string, KeyPress> = {
  '[A': { input: '', up: true },
  '[B': { input: '', down: true },
  '[5~': { input: '', pageUp: true },
  '[6~': { input: '', pageDown: true },
  OA: { input: '', up: true },
  OB: { input: '', down: true },
};
const CSI_PATTERN = /^(?:\[[0-9;]*[A-Za-z~]|O[A-Za-z])/;

/** The key presses in a raw input chunk. A chunk of one key (what Ink already parsed) is one press. */
export function splitKeyChunk(chunk: string): KeyPress[] {
  const presses: KeyPress[] = [];
  let i = 0;
  while (i < chunk.length) {
    const char = chunk[i] as string;
    if (char === '\u001B') {
      const sequence = CSI_PATTERN.exec(chunk.slice(i + 1))?.[0];
      if (sequence !== undefined) {
        // An unknown sequence (F-keys, Home…) is one key the dashboard ignores, not letters to type.
        presses.push(CSI[sequence] ?? { input: '' });
        i += 1 + sequence.length;
        continue;
      }
      presses.push({ input: '', escape: true });
    } else if (char === '\r' || char === '\n') presses.push({ input: '', enter: true });
    else if (char === '\u007F' || char === '\b') presses.push({ input: '', backspace: true });
    else if (char === '\u0003') presses.push({ input: 'c', ctrl: true });
    else presses.push({ input: char });
    i += 1;
  }
  return presses;
}
