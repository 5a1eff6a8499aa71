/** Reading the log files of background processes: the last lines (for errors and `zips logs`), and following them. */
import { open, readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** The last `count` lines of `file`, or [] when it does not exist yet. */
export async function lastLines(file: string, count: number): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.slice(-count);
}

/**
 * Calls `onLine` for every line appended to `file` after `fromOffset` (default: its current end) until `signal`
 * aborts. Polls rather than watches: fs.watch is unreliable across platforms and files that are replaced.
 */
export async function followFile(
  file: string,
  onLine: (line: string) => void,
  signal: AbortSignal,
  fromOffset?: number,
): Promise<void> {
  let offset = fromOffset ?? (await sizeOf(file));
  let pending = '';
  while (!signal.aborted) {
    const size = await sizeOf(file);
    if (size < offset) offset = 0; // truncated or recreated
    if (size > offset) {
      const handle = await open(file, 'r');
      try {
        const buffer = Buffer.alloc(size - offset);
        await handle.read(buffer, 0, buffer.length, offset);
        offset = size;
        const lines = (pending + buffer.toString('utf8')).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) onLine(line);
      } finally {
        await handle.close();
      }
    }
    await sleep(200, undefined, { signal }).catch(() => undefined);
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
