/**
 * The package graph as the architecture says it is: no cycle, no package reaching into another's tests, and each
 * package's `dependencies` exactly what its `src/` imports (test and bench packages are devDependencies).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../src/repo-paths.js';
import { findCycle, importedPackages, importedSpecifiers, workspacePackages } from '../src/workspace.js';

const packages = workspacePackages();

describe('workspace packages', () => {
  test('the graph of zips packages has no cycle', () => {
    assert.equal(findCycle(packages), undefined);
    assert.ok(packages.length >= 5, 'all five packages are workspaces');
  });

  test('findCycle finds one when there is one', () => {
    const pkg = (name: string, deps: string[]) => ({
      dir: name,
      name,
      dependencies: Object.fromEntries(deps.map((d) => [d, '1'])),
      devDependencies: {},
    });
    assert.deepEqual(findCycle([pkg('a', ['b']), pkg('b', ['c']), pkg('c', ['a'])]), ['a', 'b', 'c', 'a']);
  });

  for (const pkg of packages) {
    const src = join(repoRoot, 'packages', pkg.dir, 'src');
    test(`${pkg.name}: every production dependency is imported by src/, and src/ imports nothing else`, () => {
      const imported = importedPackages(src);
      imported.delete(pkg.name);
      const declared = Object.keys(pkg.dependencies);
      assert.deepEqual(
        declared.filter((name) => !imported.has(name)),
        [],
        'declared in dependencies but not imported by src/ (remove it, or move it to devDependencies)',
      );
      assert.deepEqual(
        [...imported].filter((name) => !declared.includes(name)).sort(),
        [],
        'imported by src/ but not declared in dependencies',
      );
    });

    test(`${pkg.name}: exports no test code and imports no other package's tests`, () => {
      const manifest = JSON.parse(
        readFileSync(join(repoRoot, 'packages', pkg.dir, 'package.json'), 'utf8'),
      ) as {
        exports?: Record<string, string>;
      };
      for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
        assert.doesNotMatch(target, /dist\/test\//, `${pkg.name} exports ${subpath} from its tests`);
      }
      const testDir = join(repoRoot, 'packages', pkg.dir, 'test');
      if (!existsSync(testDir)) return;
      // Shared helpers come from @zips/test-support's own src; another package's tests are never a dependency.
      const reachingIn = [...importedSpecifiers(testDir)].filter((spec) =>
        /^@zips\/(?!test-support\/)[^/]+\/(?:dist\/)?test/.test(spec),
      );
      assert.deepEqual(reachingIn, []);
    });
  }

  test('nothing outside the CLI depends on the CLI', () => {
    const dependents = packages.filter(
      (p) => p.name !== '@zips/cli' && '@zips/cli' in { ...p.dependencies, ...p.devDependencies },
    );
    assert.deepEqual(
      dependents.map((p) => p.name),
      [],
    );
  });
});
