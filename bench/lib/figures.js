// Turns the plain result object of another package's bench function into report rows, whatever its shape,
// so a new figure there shows up here without a change in bench/.

/** Unit from a camelCase key's suffix: fooMs, fooMsP99 → ms, spansPerSec → /s, rssMb → MB, cpuPercent → %. */
function unitOf(key) {
  if (/Ms(P\d+)?$/.test(key)) return 'ms';
  if (/(PerSec|PerSecond|PerS)$/.test(key)) return '/s';
  if (/(Mb|MB)$/.test(key)) return 'MB';
  if (/(Pct|Percent)$/.test(key)) return '%';
  return undefined;
}

/**
 * @param {import('./report.js').Report} report
 * @param {string} section
 * @param {unknown} value
 * @param {Record<string, string>} [labels] readable names by key; other keys are printed as they are
 * @param {string} [prefix]
 */
export function addFigures(report, section, value, labels = {}, prefix = '') {
  const name = labels[prefix] ?? prefix;
  if (typeof value === 'number') {
    report.add({ section, name, value, unit: unitOf(prefix.split('.').pop() ?? '') });
    return;
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    report.add({ section, name, value: String(value) });
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [key, inner] of Object.entries(value))
      addFigures(report, section, inner, labels, prefix ? `${prefix}.${key}` : key);
}
