// `npm run screenshots`: the README's pictures of the day view, taken in Chromium from the
// demo clinic on a fixed day and time, so they come out the same every time:
// assets/screenshots/day-view.png, drag.png, selection-bar.png, booking-dialog.png, find.png, first-free.png, rebook.png,
// colours.png, update-banner.png, week.png (`node scripts/screenshots.ts colours` takes that one alone).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../test/e2e/chromium.ts';
import { startTestHost } from '../test/e2e/fixtures.ts';
import { createRehearsal } from '../main/updater/rehearsal.ts';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'assets', 'screenshots');
const DATE = '2026-03-23';
// "Now" in the pictures: mid-morning of the demo day, so today's line shows.
const NOW = new Date('2026-03-23T10:40:00+01:00');

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (found === null) throw new Error(`not on screen: ${String(locator)}`);
  return found;
}

/** Starts dragging a short booked block onto free time of another column, mid-screen, until one is accepted. */
async function dragToValidTarget(page: Page): Promise<void> {
  const blocks = page.locator('[data-resource-column] [data-appointment][data-status="booked"]', { hasText: '–' });
  const bands = page.locator('[data-resource-column] .free');
  const sources = await blocks.count();
  const targets = await bands.count();
  for (let s = 0; s < sources; s += 3) {
    const source = await box(blocks.nth(s));
    if (source.height > 40 || source.y < 200 || source.y > 600) continue;
    for (let f = 0; f < targets; f += 1) {
      const band = await box(bands.nth(f));
      if (band.height < 60 || band.y < 250 || band.y > 650 || Math.abs(band.x - source.x) < 100) continue;
      await page.mouse.move(source.x + source.width / 2, source.y + 8);
      await page.mouse.down();
      await page.mouse.move(band.x + band.width / 2, band.y + 14, { steps: 15 });
      const indicator = page.getByTestId('drag-indicator');
      await indicator.waitFor();
      if ((await indicator.getAttribute('data-valid')) === 'true') {
        await page.waitForTimeout(200);
        return;
      }
      await page.keyboard.press('Escape');
      await page.mouse.up();
    }
  }
  throw new Error('no drag with a free target found on screen');
}

async function shoot(page: Page, name: string): Promise<void> {
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(root, file)}`);
}

/** A page on the demo day at the pictures' size and language, its clock at `now`, the day drawn. */
async function openDemoDay(browser: Browser, host: { host: { origin: string; token: string } }, now: Date): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 860 }, locale: 'en-GB', deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.clock.setFixedTime(now);
  await page.goto(`${host.host.origin}/?date=${DATE}#token=${host.host.token}`);
  await page.locator(`[data-testid="day-grid"][data-day="${DATE}"]`).waitFor();
  return { context, page };
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const host = await startTestHost({ demoDate: DATE, schedule: { refreshIntervalMs: 10 * 60_000 } });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const { context, page } = await openDemoDay(browser, host, NOW);
    const grid = page.getByTestId('day-grid');
    // Start the view at the morning's first hour.
    await grid.evaluate((element) => element.scrollTo({ top: 0, left: 0 }));
    await page.waitForTimeout(300);
    await shoot(page, 'day-view');

    // A drag in progress, towards a free slot where the block fits (the indicator says so).
    await dragToValidTarget(page);
    await shoot(page, 'drag');
    await page.keyboard.press('Escape');
    await page.mouse.up();

    // The selection bar: a few appointments picked with Ctrl-click.
    const blocks = page.locator('[data-resource-column] [data-appointment][data-status="booked"]');
    await blocks.nth(1).click();
    for (const index of [2, 9, 10, 17]) await blocks.nth(index).click({ modifiers: ['ControlOrMeta'] });
    await page.waitForTimeout(200);
    await shoot(page, 'selection-bar');
    await page.keyboard.press('Escape');

    // The booking dialog: a free slot clicked, a patient found and chosen, a comment.
    const slot = await box(page.locator('[data-resource-column] .free').nth(2));
    await page.mouse.click(slot.x + slot.width / 2, slot.y + 6);
    const dialog = page.getByTestId('booking-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('patient-query').fill('an');
    const choose = dialog.getByRole('button', { name: /^Choose / }).first();
    await choose.waitFor();
    await page.waitForTimeout(150);
    await shoot(page, 'booking-dialog-search');
    await choose.click();
    await dialog.getByLabel('Comment (optional)').fill('Follow-up on blood pressure');
    await page.waitForTimeout(150);
    await shoot(page, 'booking-dialog');
    await context.close();
    await firstFree(browser);
    await shootFind(browser);
    await rebookShot(browser);
    await coloursShot(browser);
    await updateBannerShot(browser);
    await weekShot(browser);
  } finally {
    await browser.close();
    await host.close();
  }
}

/**
 * "When is the first free time?" (assets/screenshots/first-free.png): the panel on the demo
 * clinic, the half-hour visit with two doctors in the afternoon, its answer listed. A host of
 * its own whose clock is the pictures' "now", so that main searches from the demo day.
 */
async function firstFree(browser: Browser): Promise<void> {
  const started = Date.now();
  const host = await startTestHost({ demoDate: DATE, schedule: { refreshIntervalMs: 10 * 60_000, now: () => NOW.getTime() + (Date.now() - started) } });
  try {
    const { context, page } = await openDemoDay(browser, host, NOW);
    await page.locator('body').focus();
    await page.keyboard.press('f');
    const panel = page.getByTestId('free-time-dialog');
    await panel.waitFor();
    const doctors = panel.getByTestId('free-doctors').locator('input[data-resource]');
    for (const index of [0, 1]) await doctors.nth(index).check();
    await panel.getByTestId('free-part-afternoon').check();
    await panel.getByTestId('free-count').fill('8');
    await panel.getByTestId('free-search').click();
    await panel.getByRole('listbox').getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(200);
    await shoot(page, 'first-free');
    await context.close();
  } finally {
    await host.close();
  }
}

/**
 * The find panel (issue 13): Ctrl+F, a patient's last name typed, the patient chosen, their
 * appointments listed. Its own host, whose schedule's clock is on the demo day (the find
 * covers 30 days back and 90 ahead of today).
 */
async function shootFind(browser: Browser): Promise<void> {
  const host = await startTestHost({ demoDate: DATE, schedule: { refreshIntervalMs: 10 * 60_000, now: () => NOW.getTime() } });
  const { context, page } = await openDemoDay(browser, host, NOW);
  try {
    // A patient of the day with a name: the first named block.
    const named = page.locator('[data-resource-column] [data-appointment][data-status="booked"]:not([data-name-coming])').first();
    await named.waitFor();
    const label = (await named.getAttribute('aria-label')) ?? '';
    const lastName = label.split(',')[0]?.trim().split(' ').pop() ?? 'an';
    await page.keyboard.press('Control+f');
    await page.keyboard.type(lastName, { delay: 40 });
    const panel = page.getByTestId('find-panel');
    const patient = panel.getByTestId('find-patients').getByRole('button', { name: /^Show the appointments of / }).first();
    await patient.waitFor();
    await patient.click();
    await panel.getByTestId('find-appointment').first().waitFor();
    await panel.getByTestId('find-appointment').first().locator('.find-item').focus();
    await page.waitForTimeout(200);
    await shoot(page, 'find');
  } finally {
    await context.close();
    await host.close();
  }
}

/**
 * The rebook dialog ("Dr. Lindqvist is sick"): a doctor's day from her column's header, with
 * a proposal per appointment. Its own host, whose clock stands at the picture's "now" (main
 * proposes no time that has passed), and one proposal changed to show the list.
 */
async function rebookShot(browser: Browser): Promise<void> {
  const host = await startTestHost({ demoDate: DATE, schedule: { refreshIntervalMs: 10 * 60_000, now: () => NOW.getTime() - 2 * 3_600_000 } });
  try {
    const { context, page } = await openDemoDay(browser, host, new Date(NOW.getTime() - 2 * 3_600_000));
    await page.waitForTimeout(500);
    await page.getByTestId('rebook-column').first().click();
    const dialog = page.getByTestId('rebook-dialog');
    await dialog.getByTestId('rebook-choice').first().waitFor();
    await dialog.getByTestId('rebook-include').nth(2).uncheck();
    await page.waitForTimeout(200);
    await shoot(page, 'rebook');
    await context.close();
  } finally {
    await host.close();
  }
}

/**
 * Colours, density and zoom (assets/screenshots/colours.png): the demo day coloured by service,
 * zoomed in a step, with the Display menu open on its legend. Its own host, so the look it
 * saves stays out of the other pictures.
 */
async function coloursShot(browser: Browser): Promise<void> {
  const host = await startTestHost({ demoDate: DATE, schedule: { refreshIntervalMs: 10 * 60_000 } });
  try {
    const { context, page } = await openDemoDay(browser, host, NOW);
    // The patients' names in, so the blocks read as a working day.
    await page.waitForFunction(() => document.querySelector('[data-name-coming]') === null, undefined, { timeout: 30_000 });
    await page.keyboard.press('Control+Equal');
    await page.getByTestId('day-grid').and(page.locator('[data-zoom="1.25"]')).waitFor();
    await page.getByTestId('look-button').click();
    await page.getByTestId('look-legend').waitFor();
    await page.waitForTimeout(300);
    await shoot(page, 'colours');
    await context.close();
  } finally {
    await host.close();
  }
}

/**
 * The update banner (assets/screenshots/update-banner.png): version 1.4.2 of the app with
 * 1.4.3 downloaded and ready (a rehearsal, main/updater/rehearsal.ts).
 */
async function updateBannerShot(browser: Browser): Promise<void> {
  const rehearsal = createRehearsal({ startupDelayMs: 200, stepMs: 100, steps: 4 });
  const host = await startTestHost({ demoDate: DATE, version: '1.4.2', updates: rehearsal.factory, schedule: { refreshIntervalMs: 10 * 60_000 } });
  try {
    const { context, page } = await openDemoDay(browser, host, NOW);
    await page.waitForFunction(() => document.querySelector('[data-name-coming]') === null, undefined, { timeout: 30_000 });
    await page.locator('[data-testid="update-banner"][data-state="ready"]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(out, 'update-banner.png'), clip: { x: 0, y: 0, width: 1440, height: 320 } });
    console.log('wrote assets/screenshots/update-banner.png');
    await context.close();
  } finally {
    await host.close();
  }
}

/**
 * The week (assets/screenshots/week.png): the demo clinic's working week of three resources,
 * a column per day and resource, the patients' names in. Its own host, so the week's choice
 * stays out of the other pictures.
 */
async function weekShot(browser: Browser): Promise<void> {
  const host = await startTestHost({ demoDate: DATE, schedule: { refreshIntervalMs: 10 * 60_000 } });
  try {
    const { context, page } = await openDemoDay(browser, host, NOW);
    await page.getByTestId('view-week').click();
    await page.locator('[data-testid="week-view"][aria-busy="false"] [data-testid="day-grid"]').waitFor({ timeout: 30_000 });
    // Three resources: the first (shown by default) and the next two.
    await page.locator('.week-resources summary').click();
    const boxes = page.locator('.week-resources input[type="checkbox"]');
    for (const index of [1, 2]) await boxes.nth(index).check();
    await page.locator('.week-resources summary').click();
    await page.locator('[data-testid="week-view"][aria-busy="false"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-name-coming]') === null, undefined, { timeout: 60_000 });
    await page.waitForTimeout(300);
    await shoot(page, 'week');
    await context.close();
  } finally {
    await host.close();
  }
}

/** `node scripts/screenshots.ts colours`: one picture alone. */
async function only(name: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  const shots: Record<string, (browser: Browser) => Promise<void>> = { colours: coloursShot, 'update-banner': updateBannerShot, week: weekShot };
  const shot = shots[name];
  if (shot === undefined) throw new Error(`no picture called ${name}; there are: ${Object.keys(shots).join(', ')}`);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    await shot(browser);
  } finally {
    await browser.close();
  }
}

(process.argv[2] === undefined ? main() : only(process.argv[2])).catch((error: unknown) => {
  console.error(`screenshots failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
