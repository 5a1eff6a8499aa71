/** Looks for planted secret values in texts and in every file under a folder. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every `where` whose text holds one of `secrets`. */
export function findInTexts(texts: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(texts)
    .filter(([, text]) => secrets.some((secret) => text.includes(secret)))
    .map(([where]) => where);
}

/** Files under `dir` (recursively) holding one of `secrets`, and how many files were read. */
export function findInFiles(dir: string, secrets: readonly string[]): { hits: string[]; files: number } {
  const hits: string[] = [];
  let files = 0;
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      files++;
      const text = readFileSync(full, 'latin1');
      if (secrets.some((secret) => text.includes(secret))) hits.push(full);
    }
  };
  walk(dir);
  return { hits, files };
}
