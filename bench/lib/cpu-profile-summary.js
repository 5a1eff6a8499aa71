// Where a V8 .cpuprofile spends its self time, by function and by package, to say what dominates.
import { readFileSync } from 'node:fs';

/** `@scope/name` or `name` for a file under node_modules, the repo folder otherwise, `node:` for built-ins. */
function owner(url) {
  if (!url) return '(native, gc, program)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node: built-ins';
  return /\/(packages\/[^/]+|bench)\//.exec(url)?.[1] ?? url;
}

/**
 * @param {string} path a .cpuprofile written by node --cpu-prof
 * @param {number} count how many entries to keep
 */
export function summariseCpuProfile(path, count) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  // The profiled server idles while the other variants are loaded: busy time is what matters.
  const busy = profile.nodes.filter((n) => n.callFrame.functionName !== '(idle)');
  const total = busy.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
  const byFunction = new Map();
  const byOwner = new Map();
  for (const node of busy) {
    const { functionName, url, lineNumber } = node.callFrame;
    const hits = node.hitCount ?? 0;
    const where = url ? `${url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}|${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + hits);
    byOwner.set(owner(url), (byOwner.get(owner(url)) ?? 0) + hits);
  }
  const top = (map) =>
    [...map]
      .sort((x, y) => y[1] - x[1])
      .slice(0, count)
      .map(([key, hits]) => ({ key, selfPct: (100 * hits) / total }));
  return {
    samples: total,
    top: top(byFunction).map(({ key, selfPct }) => {
      const [name, where] = key.split('|');
      return { name, where, selfPct };
    }),
    owners: top(byOwner).map(({ key, selfPct }) => ({ owner: key, selfPct })),
  };
}
