// Collects every figure of a run, prints it as a table and writes bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

/**
 * @typedef {object} Row
 * @property {string} section
 * @property {string} name
 * @property {number | string | null} value
 * @property {string} [unit]
 * @property {{ op: '>=' | '<=' | '<' | '>', target: number }} [goal]
 * @property {string} [note]
 */

export class Report {
  /** @type {(Row & { status: string })[]} */
  rows = [];
  /** Rows and free-form tables in the order they were added, for printing. */
  entries = [];
  /** Raw measurements per section, for latest.json. */
  raw = {};
  /** Problems that make a figure untrustworthy (the bench itself broke). */
  failures = [];

  /**
   * @param {Row} row
   * @param {{ print?: boolean }} [options] `print: false` keeps the row for latest.json and the goal summary only,
   *   when a table already shows it
   */
  add(row, { print = true } = {}) {
    const full = { ...row, status: statusOf(row) };
    this.rows.push(full);
    if (print) this.entries.push({ row: full });
    return full;
  }

  /**
   * A matrix of figures printed as-is (e.g. every variant x endpoint), before the section's goal rows.
   * @param {string} section
   * @param {string[]} header
   * @param {string[][]} cells
   */
  table(section, header, cells) {
    this.entries.push({ table: { section, header, cells } });
  }

  /** A line of context printed in the section (settings, what a figure means). */
  note(section, text) {
    this.entries.push({ note: { section, text } });
  }

  fail(section, message) {
    this.failures.push({ section, message });
  }

  print(out = process.stdout) {
    let section = '';
    let pending = [];
    const flush = () => {
      if (pending.length > 0) out.write(formatRows(pending));
      pending = [];
    };
    for (const entry of this.entries) {
      const entrySection = (entry.row ?? entry.table ?? entry.note).section;
      if (entrySection !== section) {
        flush();
        section = entrySection;
        out.write(`\n== ${section}\n`);
      }
      if (entry.row) pending.push(entry.row);
      else {
        flush();
        out.write(
          entry.table ? formatTable(entry.table.header, entry.table.cells) : `${entry.note.text}\n\n`,
        );
      }
    }
    flush();
    for (const f of this.failures) out.write(`\nBENCH ERROR [${f.section}]: ${f.message}\n`);
  }

  write(path) {
    mkdirSync(dirname(path), { recursive: true });
    const doc = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      rows: this.rows,
      notes: this.entries.filter((e) => e.note).map((e) => e.note),
      failures: this.failures,
      raw: this.raw,
    };
    writeFileSync(path, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

function statusOf(row) {
  if (!row.goal) return '';
  if (typeof row.value !== 'number' || Number.isNaN(row.value)) return 'n/a';
  const { op, target } = row.goal;
  const ok =
    op === '>='
      ? row.value >= target
      : op === '<='
        ? row.value <= target
        : op === '<'
          ? row.value < target
          : row.value > target;
  return ok ? 'PASS' : 'MISS';
}

function formatValue(row) {
  if (row.value === null || row.value === undefined) return '-';
  if (typeof row.value === 'string') return row.value;
  if (Number.isInteger(row.value) && !row.unit) return String(row.value);
  if (row.value === Number.POSITIVE_INFINITY) return 'inf';
  const digits = Math.abs(row.value) >= 100 ? 0 : Math.abs(row.value) >= 10 ? 1 : 2;
  return `${row.value.toFixed(digits)}${row.unit ? ` ${row.unit}` : ''}`;
}

function formatGoal(row) {
  return row.goal ? `${row.goal.op} ${row.goal.target}${row.unit ? ` ${row.unit}` : ''}` : '';
}

function formatTable(header, cells, alignRightFrom = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c) =>
    c
      .map((v, i) => (i >= alignRightFrom ? (v ?? '').padStart(widths[i]) : (v ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')}\n\n`;
}

function formatRows(rows) {
  const cells = rows.map((r) => [
    r.name,
    formatValue(r),
    formatGoal(r),
    r.status,
    r.note ? `(${r.note})` : '',
  ]);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(['figure', 'value', 'goal', 'result'][i].length, ...cells.map((c) => c[i].length)),
  );
  const line = (c) =>
    c
      .map((v, i) => (i === 1 ? v.padStart(widths[i]) : i < 4 ? v.padEnd(widths[i]) : v))
      .join('  ')
      .trimEnd();
  return `${[line(['figure', 'value', 'goal', 'result', '']), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n')}\n`;
}
