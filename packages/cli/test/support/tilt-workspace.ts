/**
 * A copy of the working tree for the real Tilt to run in, so that the live-update test can edit templates and
 * sources without touching the checkout: the files git tracks or would (not ignored), with node_modules, the built dist folders and the
 * dataset copied along (Tilt's host-side compile runs there).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

export interface TiltWorkspace extends AsyncDisposable {
  dir: string;
}

export function copyRepository(): TiltWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'zips-tilt-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString('utf8')
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(repoRoot, file)));
  for (const file of files) cpSync(join(repoRoot, file), join(dir, file));
  cpSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), {
    recursive: true,
    verbatimSymlinks: true,
  });
  for (const pkg of readdirSync(join(repoRoot, 'packages'))) {
    const dist = join(repoRoot, 'packages', pkg, 'dist');
    if (existsSync(dist)) cpSync(dist, join(dir, 'packages', pkg, 'dist'), { recursive: true });
  }
  const data = join(repoRoot, 'data', 'zips.json');
  if (existsSync(data)) cpSync(data, join(dir, 'data', 'zips.json'));
  return { dir, [Symbol.asyncDispose]: async () => rmSync(dir, { recursive: true, force: true }) };
}
