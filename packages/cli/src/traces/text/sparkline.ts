const ticks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** One character per value, scaled between 0 and the largest value; gaps (no data) are spaces. */
export function sparkline(values: readonly (number | undefined)[]): string {
  const max = Math.max(0, ...values.filter((value): value is number => value !== undefined));
  return values
    .map((value) => {
      if (value === undefined) return ' ';
      if (max === 0) return ticks[0];
      return ticks[Math.min(ticks.length - 1, Math.floor((value / max) * (ticks.length - 1)))];
    })
    .join('');
}

/** A horizontal bar of `width` cells, filled in eighths, for durations in the list. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  return ('█'.repeat(full) + (partials[partial] ?? '')).padEnd(width, ' ');
}
