/**
 * Where zips keeps its state: `<project root>/.zips/` (git-ignored). ZIPS_ROOT overrides the project root and
 * ZIPS_STATE_DIR the state directory itself (tests use a temp dir).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The project root: ZIPS_ROOT, else the nearest ancestor of `cwd` holding `.zips/` or `.git`, else `cwd`. */
export function findProjectRoot(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.ZIPS_ROOT) return resolve(env.ZIPS_ROOT);
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.zips')) || existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/** The state directory for a project root: ZIPS_STATE_DIR, else `<root>/.zips`. */
export function stateDirFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.ZIPS_STATE_DIR ? resolve(env.ZIPS_STATE_DIR) : join(root, '.zips');
}

export function stateFileFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDirFor(root, env), 'state.json');
}

export function logDirFor(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDirFor(root, env), 'logs');
}
