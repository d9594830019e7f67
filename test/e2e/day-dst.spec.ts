// The two DST days of 2026 in Europe/Stockholm, with a nurse working through the night:
// on 2026-03-29 the wall clock skips 02:00–03:00, on 2026-10-25 it repeats it.
import type { Page } from '@playwright/test';
import { DST_CLINIC, expect, openDay, test } from './fixtures.ts';
import { block, PX_PER_MINUTE } from './day-helpers.ts';

test.use({ clinicOptions: { seedFile: DST_CLINIC, demoDate: '2026-03-29' } });

const hourLabels = (page: Page) => page.locator('.gutter .tick').evaluateAll((ticks) => ticks.map((tick) => (tick as HTMLElement).dataset.tick ?? ''));
const top = async (page: Page, selector: string): Promise<number> => (await page.locator(selector).first().boundingBox())?.y ?? Number.NaN;

test('2026-03-29: the skipped hour takes no room, and the night shift lays out at real lengths', async ({ page, clinic }) => {
  await openDay(page, clinic, '2026-03-29');
  const labels = await hourLabels(page);
  expect(labels.slice(0, 4)).toEqual(['00:00', '01:00', '03:00', '04:00']);
  expect(labels).not.toContain('02:00');
  expect(labels).toHaveLength(23 + 1);
  await expect(page.getByTestId('dst-forward')).toContainText('Clocks go forward: 02:00–03:00 does not exist today');
  // 01:00 and 03:00 are one real hour apart on the axis.
  const one = await top(page, '.tick[data-tick="01:00"]');
  const three = await top(page, '.tick[data-tick="03:00"]');
  expect(three - one).toBeCloseTo(60 * PX_PER_MINUTE, 0);
  // 01:45 CET – 03:15 CEST is half an hour, drawn half an hour tall, labelled in wall-clock time.
  const across = block(page, 'apt-s2');
  await expect(across).toContainText('01:45–03:15');
  expect((await across.boundingBox())?.height).toBeCloseTo(30 * PX_PER_MINUTE - 1, 0);
  // 04:00 CEST is three real hours after midnight.
  const midnight = await top(page, '.tick[data-tick="00:00"]');
  const four = (await block(page, 'apt-s3').boundingBox())?.y ?? Number.NaN;
  expect(four - (midnight + 7)).toBeCloseTo(3 * 60 * PX_PER_MINUTE, 0);
});

test('2026-10-25: the repeated hour is drawn twice, once per offset, and both 02:15s have their place', async ({ page, clinic }) => {
  await openDay(page, clinic, '2026-10-25');
  const labels = await hourLabels(page);
  expect(labels.slice(0, 5)).toEqual(['00:00', '01:00', '02:00', '02:00', '03:00']);
  expect(labels).toHaveLength(25 + 1);
  await expect(page.locator('.tick[data-tick="02:00"]')).toHaveCount(2);
  await expect(page.locator('.tick[data-tick="02:00"]').first()).toContainText('+02:00');
  await expect(page.locator('.tick[data-tick="02:00"]').last()).toContainText('2nd +01:00');
  await expect(page.getByTestId('dst-back')).toContainText('Clocks go back: 02:00–03:00 happens twice today');
  const first = block(page, 'apt-f1');
  const second = block(page, 'apt-f2');
  await expect(first).toContainText('02:15–02:30');
  await expect(second).toContainText('02:15–02:30');
  const firstBox = await first.boundingBox();
  const secondBox = await second.boundingBox();
  expect((secondBox?.y ?? 0) - (firstBox?.y ?? 0)).toBeCloseTo(60 * PX_PER_MINUTE, 0);
  // They do not overlap, so each has the full column width.
  expect(Math.abs((firstBox?.width ?? 0) - (secondBox?.width ?? 0))).toBeLessThan(1);
  expect(Math.abs((firstBox?.x ?? 0) - (secondBox?.x ?? 0))).toBeLessThan(1);
});
