/**
 * The native runtime's web trace view in headless Chromium, end to end through real processes: `zips up` (the
 * built CLI starting the real server and the embedded collector), `zips lookup` making traces across the CLI and
 * the server with the real SDK, then the printed trace link and the /search page opened in a real browser:
 * click a trace, see its spans nested in the waterfall. Screenshots at 1280 and 375 px are kept next to the
 * compiled test (packages/cli/dist/screenshots/, not committed).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, chromiumSkip, requireChromium } from '@zips/test-support/chromium';
import { waitFor } from '@zips/test-support/wait-for';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type TempProject, tempProject } from './support/cli-run.js';
import { UP_NATIVE } from './support/zips-cli.js';

interface WaterfallRow {
  depth: number;
  id: string;
  parent: string;
  label: string;
  service: string;
  indent: number;
}

const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

describe('web trace view in Chromium (native runtime)', { skip: chromiumSkip() }, () => {
  let project: TempProject;
  let browser: Browser;
  let ui: string;
  let traceId: string;
  let link: string;

  before(async () => {
    requireChromium();
    project = await tempProject();
    const up = await project.zips(UP_NATIVE);
    assert.equal(up.exitCode, 0, up.stderr);
    const label = /Trace UI +(http:\/\/127\.0\.0\.1:\d+) {2}\(zips trace view\)/.exec(up.stdout);
    assert.ok(label?.[1], `zips up labels the trace UI: ${up.stdout}`);
    ui = label[1];
    for (const zip of ['10001', '90210']) assert.equal((await project.zips(['lookup', zip])).exitCode, 0);
    const lookup = await project.zips(['lookup', '11215']);
    assert.equal(lookup.exitCode, 0, lookup.stderr);
    const printed = /Trace link +(\S+)/.exec(lookup.stdout)?.[1];
    assert.ok(printed, lookup.stdout);
    link = printed;
    traceId = /\/trace\/([0-9a-f]{32})$/.exec(link)?.[1] ?? '';
    assert.equal(link, `${ui}/trace/${traceId}`, 'lookup prints <trace UI>/trace/<id>');
    // The CLI's span comes from a background process: wait for both sides of the trace.
    await waitFor(
      'the CLI and server spans of the lookup',
      async () => {
        const response = await fetch(`${ui}/api/v3/traces/${traceId}`);
        const text = response.ok ? await response.text() : '';
        return text.includes('"zips-cli"') && text.includes('"zips.lookup"') ? true : undefined;
      },
      20_000,
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    if (project) {
      await project.zips(['down']);
      await project[Symbol.asyncDispose]();
    }
  });

  /** A page that records console errors, CSP violations, failed requests and 4xx/5xx answers. */
  async function openPage(width: number): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on('console', (m) => ['error', 'warning'].includes(m.type()) && problems.push(m.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
    page.on('response', (r) => r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));
    return { page, problems };
  }

  test('1280 px: /search lists the lookups; clicking one shows its spans nested in the waterfall', async () => {
    const { page, problems } = await openPage(1280);
    await page.goto(`${ui}/`);
    assert.equal(new URL(page.url()).pathname, '/search', '/ goes to /search');
    assert.equal(await page.title(), 'Search · zips traces');
    const rows = page.locator('table.traces tbody tr');
    assert.ok((await rows.count()) >= 3, 'the three lookups are listed');
    assert.equal(await rows.first().getAttribute('data-trace-id'), traceId, 'newest first');
    assert.equal(await page.locator('table.stats tbody th').first().textContent(), 'GET /zips/:zip');
    await page.screenshot({ path: join(SHOTS, 'trace-view-search-1280.png'), fullPage: true });

    await Promise.all([page.waitForURL(`${ui}/trace/${traceId}`), page.click(`a[href="/trace/${traceId}"]`)]);
    // Runs in the page (this package's TypeScript has no DOM types, so the page code is a string).
    const spans = await page.evaluate<
      WaterfallRow[]
    >(`[...document.querySelectorAll('table.waterfall tbody tr')]
      .map((tr) => ({
        depth: Number(tr.getAttribute('data-depth')),
        id: tr.getAttribute('data-span-id'),
        parent: tr.getAttribute('data-parent-span-id'),
        label: tr.querySelector('th a').textContent,
        service: tr.querySelector('td.service-col').textContent,
        indent: parseFloat(getComputedStyle(tr.querySelector('th')).paddingLeft),
      }))`);
    assert.deepEqual(
      spans.map((s) => [s.depth, s.service]),
      [
        [0, 'zips-cli'],
        [1, 'zips'],
        [2, 'zips'],
      ],
    );
    assert.equal(spans[1]?.parent, spans[0]?.id, 'the server span is the CLI span’s child');
    assert.equal(spans[2]?.parent, spans[1]?.id, 'the lookup span is the server span’s child');
    assert.equal(spans[2]?.label, 'zips.lookup');
    assert.ok(
      (spans[0]?.indent ?? 0) < (spans[1]?.indent ?? 0) && (spans[1]?.indent ?? 0) < (spans[2]?.indent ?? 0),
      `deeper spans are indented further: ${spans.map((s) => s.indent).join(' < ')}`,
    );
    const colours = await page.evaluate<string[]>(
      `[...document.querySelectorAll('table.waterfall rect')].map((rect) => getComputedStyle(rect).fill)`,
    );
    assert.notEqual(colours[0], colours[1], 'each service has its own colour');
    assert.equal(colours[1], colours[2]);

    // The span link opens that span's details (progressive script), and keyboard focus is visible.
    await page.click(`a[href="#span-${spans[1]?.id}"]`);
    await page.locator(`details#span-${spans[1]?.id}[open]`).waitFor();
    assert.match(
      (await page.locator(`details#span-${spans[1]?.id}`).textContent()) ?? '',
      /http\.route\s*\/zips\/:zip/,
    );
    await page.keyboard.press('Tab');
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle');
    assert.equal(outline, 'solid', 'the focused element has a visible outline');
    await page.screenshot({ path: join(SHOTS, 'trace-view-trace-1280.png'), fullPage: true });

    const json = await page.request.get(`${ui}/api/v3/traces/${traceId}`);
    assert.equal(json.status(), 200, 'the page’s OTLP JSON link answers');
    assert.equal(await page.locator(`a[href="/api/v3/traces/${traceId}"]`).count(), 1);
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
    await page.close();
  });

  test('375 px: search and trace pages fit a phone, the printed link opens; an unknown id is a 404 page', async () => {
    const { page, problems } = await openPage(375);
    await page.goto(`${ui}/search`);
    const overflow = () => page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert.ok((await overflow()) <= 0, 'no sideways scrolling on /search');
    await page.screenshot({ path: join(SHOTS, 'trace-view-search-375.png'), fullPage: true });
    await page.goto(link);
    assert.equal(await page.locator('table.waterfall tbody tr').count(), 3);
    assert.ok((await overflow()) <= 0, 'no sideways scrolling on the trace page');
    assert.equal(
      await page.locator('td.service-col').first().isVisible(),
      false,
      'service moves under the name',
    );
    await page.screenshot({ path: join(SHOTS, 'trace-view-trace-375.png'), fullPage: true });
    const unknown = await page.goto(`${ui}/trace/${'0'.repeat(31)}1`);
    assert.equal(unknown?.status(), 404);
    assert.match((await page.textContent('h1')) ?? '', /404 Trace Not Found/);
    assert.deepEqual(
      problems.filter((text) => !/status of 404|^404 .*\/trace\/0+1$/.test(text)),
      [],
    );
    await page.close();
  });
});
