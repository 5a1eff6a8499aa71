/**
 * The workspace as its manifests and sources describe it: which packages there are, what each declares, and what
 * its `src/` really imports. Tests use it to keep `dependencies` honest and the package graph free of cycles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './repo-paths.js';

export interface WorkspacePackage {
  /** Folder below `packages/`, e.g. `cli`. */
  dir: string;
  name: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

/** The workspaces the root package.json lists, in its order. */
export function workspacePackages(root = repoRoot): WorkspacePackage[] {
  const manifest = readJson(join(root, 'package.json')) as { workspaces: string[] };
  return manifest.workspaces.map((workspace) => {
    const pkg = readJson(join(root, workspace, 'package.json')) as Partial<WorkspacePackage>;
    return {
      dir: workspace.replace(/^packages\//, ''),
      name: pkg.name ?? workspace,
      dependencies: pkg.dependencies ?? {},
      devDependencies: pkg.devDependencies ?? {},
    };
  });
}

/**
 * Package names a folder's TypeScript imports: static and dynamic `import`, `export … from`, and
 * `import.meta.resolve('…')` (how the CLI finds the server and collector scripts it runs). Relative paths and
 * node builtins are left out; `@scope/name/sub/path` counts as `@scope/name`.
 */
export function importedPackages(dir: string): Set<string> {
  const names = [...importedSpecifiers(dir)].map(packageName);
  return new Set(names.filter((name) => !isBuiltin(name)));
}

/** The bare specifiers themselves (`@zips/collector-config/header-from-env`, `node:fs`, …). */
export function importedSpecifiers(dir: string): Set<string> {
  const found = new Set<string>();
  const specifier =
    /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|import\.meta\.resolve\(\s*)['"]((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.:-]*(?:\/[^'"]*)?)['"]/g;
  for (const file of sourceFiles(dir)) {
    for (const [, spec = ''] of readFileSync(file, 'utf8').matchAll(specifier)) found.add(spec);
  }
  return found;
}

/** A cycle among the workspace packages (dependencies and devDependencies both count), or undefined. */
export function findCycle(packages: readonly WorkspacePackage[]): string[] | undefined {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const edges = (p: WorkspacePackage) =>
    Object.keys({ ...p.dependencies, ...p.devDependencies }).filter((name) => byName.has(name));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name];
    if (state.get(name) === 'done') return undefined;
    state.set(name, 'visiting');
    for (const next of edges(byName.get(name) as WorkspacePackage)) {
      const cycle = visit(next, [...path, name]);
      if (cycle) return cycle;
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const p of packages) {
    const cycle = visit(p.name, []);
    if (cycle) return cycle;
  }
  return undefined;
}

function packageName(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

function isBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.(ts|tsx|mts)$/.test(entry)) files.push(path);
  }
  return files;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}
