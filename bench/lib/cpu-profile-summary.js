// Where a V8 .cpuprofile spends its time, by function and by package, to say what dominates.
import { readFileSync } from 'node:fs';

/** `@scope/name` or `name` for a file under node_modules, the repo folder otherwise, `node:` for built-ins. */
function owner(url) {
  if (!url) return '(native, gc, program)';
  // The innermost node_modules names the package whose code it is (dependencies can be nested).
  const pkg = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].at(-1)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return 'node: built-ins';
  return /\/(packages\/[^/]+|bench)\//.exec(url)?.[1] ?? url;
}

/** Code that only exists because telemetry is on: the OTel packages and the module hooks they install. */
const isTelemetry = (pkg) => pkg.startsWith('@opentelemetry/') || /-in-the-middle$/.test(pkg);

const top = (map, count) => [...map].sort((x, y) => y[1] - x[1]).slice(0, count);

/**
 * @param {string} path a .cpuprofile written by node --cpu-prof
 * @param {number} count how many entries to keep
 */
export function summariseCpuProfile(path, count) {
  const { nodes } = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  // The profiled server idles while the other variants are loaded: busy time is what matters.
  const busy = nodes.filter((n) => n.callFrame.functionName !== '(idle)' && n.hitCount > 0);
  const total = busy.reduce((s, n) => s + n.hitCount, 0) || 1;
  const self = new Map();
  const charged = new Map();
  for (const node of busy) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules|packages)\//, '$1/')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'}|${where}`;
    self.set(key, (self.get(key) ?? 0) + node.hitCount);
    const payer = chargedOwner(node.id, byId, parent);
    charged.set(payer, (charged.get(payer) ?? 0) + node.hitCount);
  }
  const telemetry = [...charged].filter(([o]) => isTelemetry(o)).reduce((s, [, hits]) => s + hits, 0);
  const pct = (hits) => (100 * hits) / total;
  return {
    samples: total,
    telemetryPct: pct(telemetry),
    top: top(self, count).map(([key, hits]) => {
      const [name, where] = key.split('|');
      return { name, where, selfPct: pct(hits) };
    }),
    owners: top(charged, count).map(([o, hits]) => ({ owner: o, pct: pct(hits) })),
  };
}

const NOT_A_PAYER = new Set(['node: built-ins', '(native, gc, program)']);

/**
 * The package a sample is charged to: the nearest frame, from the leaf up, that is not Node's own code, so a
 * socket write or a Map lookup is charged to whoever asked for it. GC and other native time stay native.
 */
function chargedOwner(id, byId, parent) {
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const o = owner(byId.get(at).callFrame.url);
    if (!NOT_A_PAYER.has(o)) return o;
  }
  return owner(byId.get(id).callFrame.url);
}
