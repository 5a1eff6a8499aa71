import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, chromiumSkip, requireChromium } from '@zips/test-support/chromium';
import { type Browser, chromium } from 'playwright-core';
import { type RunningApp, startApp } from './support/start-app.js';

// Screenshots for a human look, next to the compiled test (dist/ is not committed).
const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const skip = chromiumSkip();

describe('in a real browser (Chromium)', { skip }, () => {
  let app: RunningApp;
  let browser: Browser;

  before(async () => {
    requireChromium();
    app = await startApp();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('the search form on / finds 11215 in Brooklyn, with no console errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.setDefaultTimeout(20_000);

    await page.goto(`${app.baseUrl}/`);
    assert.equal(await page.title(), 'zips: look up a US ZIP code');
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });

    await page.fill('input[name="zip"]', '11215');
    await Promise.all([page.waitForURL(`${app.baseUrl}/11215`), page.click('button[type="submit"]')]);
    assert.equal(await page.textContent('#city'), 'Brooklyn');
    assert.match((await page.textContent('h1')) ?? '', /11215\s+Brooklyn/);
    await page.screenshot({ path: join(SHOTS, 'zip.png'), fullPage: true });

    // The page links to the JSON form of the same record.
    await Promise.all([page.waitForURL(`${app.baseUrl}/zips/11215`), page.click('a[href="/zips/11215"]')]);
    assert.match((await page.textContent('body')) ?? '', /"city":"Brooklyn"/);

    assert.deepEqual(problems, [], 'no console errors, warnings or failed requests');

    await page.goto(`${app.baseUrl}/1121x`);
    assert.match((await page.textContent('h1')) ?? '', /400 Bad Request/);
    await page.screenshot({ path: join(SHOTS, 'error.png'), fullPage: true });

    // Chromium logs the 400 status of the error page itself; nothing else may appear.
    assert.deepEqual(
      problems.filter((text) => !/status of 400|^400 .*\/1121x$/.test(text)),
      [],
    );
    await page.close();
  });
});
