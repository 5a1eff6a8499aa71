import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Drift, GeneratedFile } from './stack-options.js';

/** The command that rewrites the committed defaults. */
export const REGENERATE_COMMAND = 'npx zips config --write';

/** Writes the files below `rootDir`; each one is replaced atomically so a reader never sees half a file. */
export async function writeStackFiles(rootDir: string, files: readonly GeneratedFile[]): Promise<void> {
  for (const file of files) {
    const target = join(rootDir, file.path);
    await mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, target);
  }
}

/** Compares the files on disk with `files`; every difference says how to regenerate. */
export async function checkStackFiles(
  rootDir: string,
  files: readonly GeneratedFile[],
  fix: string = REGENERATE_COMMAND,
): Promise<Drift[]> {
  const drift: Drift[] = [];
  for (const file of files) {
    const onDisk = await readIfExists(join(rootDir, file.path));
    if (onDisk === undefined) {
      drift.push({ path: file.path, problem: 'missing', fix });
    } else if (onDisk !== file.contents) {
      drift.push({
        path: file.path,
        problem: 'changed',
        line: firstDifferentLine(onDisk, file.contents),
        fix,
      });
    }
  }
  return drift;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function firstDifferentLine(actual: string, expected: string): number {
  const a = actual.split('\n');
  const b = expected.split('\n');
  const index = a.findIndex((line, i) => line !== b[i]);
  return (index === -1 ? a.length : index) + 1;
}
