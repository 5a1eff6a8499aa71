#!/usr/bin/env node
// Usage: node prune-to-workspace.mjs <workspace-dir>   (run at the repository root, after `npm ci`)
//
// Deletes from node_modules every package the workspace does not need at run time. `npm ci --workspace` cannot do
// this here: it follows the server's devDependency on @zips/cli and so installs the CLI's whole tree (Ink, React,
// dockerode...). The closure is computed from package-lock.json with Node's resolution rule (nearest
// node_modules upwards), following production, optional and peer edges only: dev packages go too.
import { readFileSync, rmSync } from 'node:fs';

const workspace = process.argv[2];
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const entries = lock.packages;
if (!workspace || !entries[workspace]) {
  throw new Error(
    `usage: prune-to-workspace.mjs <workspace-dir>; "${workspace}" is not a workspace in package-lock.json`,
  );
}

/** Lock path of `name` as required from the package at lock path `from`, or undefined if not installed. */
function resolve(from, name) {
  const parts = from === '' ? [] : from.split('/');
  for (let end = parts.length; end >= 0; end--) {
    const prefix = parts.slice(0, end).join('/');
    const candidate = prefix === '' ? `node_modules/${name}` : `${prefix}/node_modules/${name}`;
    if (entries[candidate]) return candidate;
  }
  return undefined;
}

const keep = new Set();
const queue = [workspace];
while (queue.length > 0) {
  const at = queue.pop();
  if (keep.has(at)) continue;
  keep.add(at);
  const entry = entries[at];
  // A workspace link's own dependencies live on its target (e.g. node_modules/@zips/x -> packages/x).
  if (entry.link) queue.push(entry.resolved);
  const names = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
  for (const name of Object.keys(names)) {
    const found = resolve(at, name);
    if (found) queue.push(found);
  }
}

let removed = 0;
for (const path of Object.keys(entries)) {
  if (path.includes('node_modules/') && !keep.has(path)) {
    rmSync(path, { recursive: true, force: true });
    removed++;
  }
}
rmSync('node_modules/.bin', { recursive: true, force: true });
console.log(
  `prune-to-workspace: kept ${keep.size - 1} packages for ${workspace}, removed ${removed} lock entries`,
);
