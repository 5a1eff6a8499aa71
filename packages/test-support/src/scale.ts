/**
 * Sizes of the reliability scenarios. The `.rel` files run the full figures of issue 6; the `.test` files (CI)
 * run the same code with small ones. `ZIPS_REL_SCALE` multiplies the CI figures (e.g. 0.5 on a slow machine).
 */
export function scaled(base: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.ZIPS_REL_SCALE ?? '1');
  const factor = Number.isFinite(raw) && raw > 0 ? raw : 1;
  return Math.max(1, Math.round(base * factor));
}

/** A whole number from the environment, or `fallback`. */
export function envInt(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  return raw !== undefined && /^[0-9]+$/.test(raw) ? Number(raw) : fallback;
}
