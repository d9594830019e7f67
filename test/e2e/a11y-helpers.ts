// What the keyboard and a screen reader meet, for every spec: axe (no serious or critical
// violations), where focus is in the grid, and tabbing into it from the top of the page.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Axe over the page, or over `selector` only (a panel or dialog): no serious or critical violations. */
export async function expectNoSeriousViolations(page: Page, where: string, selector?: string): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (selector === undefined ? builder : builder.include(selector)).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    `axe on ${where}`,
  ).toEqual([]);
}

/** The grid key (`block:apt-a1`, `free:…`) of the focused element, or null outside the grid. */
export const focusedKey = (page: Page): Promise<string | null> => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key ?? null);

/** Tabs from the top of the page until focus is inside the grid. */
export async function tabIntoGrid(page: Page): Promise<void> {
  await page.locator('body').focus();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if ((await focusedKey(page)) !== null) return;
  }
  throw new Error('Tab never reached the grid');
}
