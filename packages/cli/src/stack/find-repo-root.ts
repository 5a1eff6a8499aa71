import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/** The nearest ancestor of `cwd` (itself included) whose package.json declares npm `workspaces`, or undefined. */
export async function findRepoRoot(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (;;) {
    if (await declaresWorkspaces(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function declaresWorkspaces(packageJson: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(packageJson, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    return 'workspaces' in (JSON.parse(text) as object);
  } catch {
    // A broken package.json on the way up belongs to some other project; keep walking.
    return false;
  }
}
