/** What `zips up --runtime` (or `ZIPS_RUNTIME`) may ask for; `auto` picks Docker when it can, else native. */
export const RUNTIME_CHOICES = ['auto', 'docker', 'native'] as const;

export type RuntimeChoice = (typeof RUNTIME_CHOICES)[number];

export function isRuntimeChoice(value: string): value is RuntimeChoice {
  return (RUNTIME_CHOICES as readonly string[]).includes(value);
}
