/**
 * Debian's Chromium for the browser tests (driven with playwright-core): where it is, the flags it runs with, and
 * the `skip` option of a test that needs it. `ZIPS_REQUIRE_BROWSER=1` turns a missing browser into a failure.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumAvailable = existsSync(CHROMIUM);

/** False when the test can run (or must, under ZIPS_REQUIRE_BROWSER=1), else the reason it skips. */
export function chromiumSkip(): string | false {
  if (chromiumAvailable || process.env.ZIPS_REQUIRE_BROWSER === '1') return false;
  return `${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium) to run the browser test`;
}

/** Fails when the browser is missing: for the `before` hook of a test that did not skip. */
export function requireChromium(): void {
  if (!chromiumAvailable)
    throw new Error(`${CHROMIUM} is missing and ZIPS_REQUIRE_BROWSER=1 requires the browser test`);
}
