import { EventEmitter } from 'node:events';
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink';
import type { ReactNode } from 'react';

/** A terminal of fixed size that keeps every frame Ink writes and can be resized. */
class FakeStdout extends EventEmitter {
  columns: number;
  rows: number;
  frames: string[] = [];

  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }

  write = (frame: string, callback?: () => void) => {
    // Ink resolves waitUntilExit() from the callback of its last (empty) write.
    if (frame !== '') this.frames.push(frame);
    callback?.();
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  #data: string | null = null;
  write(data: string) {
    this.#data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const data = this.#data;
    this.#data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/**
 * Like ink-testing-library's `render`, but with a terminal size of our choosing (ink-testing-library fixes 100
 * columns and no rows, so heights would depend on the terminal running the tests) and `resize()`.
 */
export function renderTerminal(tree: ReactNode, columns: number, rows: number) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const instance = render(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const lastFrame = () => stripVTControlCharacters(stdout.frames.at(-1) ?? '');
  return {
    lastFrame,
    /** The last frame as lines with trailing spaces removed, so expected frames read naturally. */
    lines: () =>
      lastFrame()
        .split('\n')
        .map((line) => line.trimEnd()),
    frameCount: () => stdout.frames.length,
    /** Types keys (raw terminal input: `\r` Enter, `\u001B` Esc, `\u001B[B` Down). */
    press: async (...keys: string[]) => {
      for (const key of keys) {
        stdin.write(key);
        await tick();
      }
    },
    resize: async (newColumns: number, newRows: number) => {
      stdout.columns = newColumns;
      stdout.rows = newRows;
      stdout.emit('resize');
      await tick();
    },
    waitUntilExit: instance.waitUntilExit,
    unmount: instance.unmount,
  };
}

/** Lets React commit and Ink write the frame. */
export function tick(ms = 20): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
