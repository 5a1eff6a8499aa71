/**
 * The key place names are matched on: Unicode-decomposed, accents and case dropped, spaces collapsed, so
 * `?city=dona ana`, `?city=DOÑA ANA` and `Doña Ana` all meet.
 */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}
