// Colours, density and zoom of the day view, and the Columns dialog's filter and top/bottom:
// in real Chromium through the web host, the moves asserted in Leyr (the sandbox), the
// preferences in main's settings (they survive a restart of the app on the same data folder).
import type { Page } from '@playwright/test';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, startTestHost, test, type HostFixture } from './fixtures.ts';
import { expectNoSeriousViolations } from './a11y-helpers.ts';
import { at, block, column, expectInLeyr } from './day-helpers.ts';

const grid = (page: Page) => page.getByTestId('day-grid');

/** main's look preference, as the settings call answers it. */
const savedLook = (page: Page) =>
  page.evaluate(async () => {
    const result = await window.frontdesk.getSettings();
    return result.ok ? result.value.look : null;
  });

/** Pixels between two hour ticks of the time axis. */
async function hourHeight(page: Page, from = '08:00', to = '09:00'): Promise<number> {
  const a = await page.locator(`[data-tick="${from}"]`).boundingBox();
  const b = await page.locator(`[data-tick="${to}"]`).boundingBox();
  return (b?.y ?? 0) - (a?.y ?? 0);
}

/** The viewport point of a wall-clock time in a column at the grid's scale now (the day clinic's axis starts at 08:00). */
async function pointAtScale(page: Page, resourceId: string, hhmm: string, dy: number): Promise<{ x: number; y: number }> {
  const px = Number(await grid(page).getAttribute('data-px-per-minute'));
  const body = column(page, resourceId).locator('.col-body');
  const box = await body.boundingBox();
  if (box === null) throw new Error(`column ${resourceId} is not on screen`);
  const minutes = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) - 8 * 60;
  return { x: box.x + box.width / 2, y: box.y + minutes * px + dy };
}

test('a colour per service with a legend; the status stays in the border and marks; colours can be turned off', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await expect(grid(page)).toHaveClass(/look-colours/);
  // By service, whatever the column or status: the two 30-minute visits share a colour, the short visit has another.
  const colourOf = async (id: string) => /svc-(\d)/.exec((await block(page, id).getAttribute('class')) ?? '')?.[1];
  const visit = await colourOf('apt-b4');
  const short = await colourOf('apt-a3');
  expect(visit).toBeDefined();
  expect(await colourOf('apt-c1')).toBe(visit);
  expect(short).toBeDefined();
  expect(short).not.toBe(visit);

  await page.getByRole('button', { name: 'Display' }).click();
  const panel = page.getByTestId('look-panel');
  await expect(panel).toBeVisible();
  const legend = panel.getByTestId('look-legend');
  await expect(legend.locator('li')).toHaveText(['Kort besök', 'Mottagningsbesök']);
  await expect(legend.locator('li[data-service="svc-30"]')).toHaveAttribute('data-colour', visit!);
  await expect(legend.locator('li[data-service="svc-15"]')).toHaveAttribute('data-colour', short!);
  // The swatch is the block's colour: the same tint and stripe.
  const paint = (selector: string) => page.locator(selector).first().evaluate((element) => [getComputedStyle(element).backgroundColor, getComputedStyle(element).borderLeftColor]);
  expect(await paint('[data-appointment="apt-b4"]')).toEqual(await paint('li[data-service="svc-30"] .legend-swatch'));
  // The status without colour: awaiting confirmation is dashed with a "?", booked is solid.
  expect(await block(page, 'apt-a3').evaluate((element) => [getComputedStyle(element).borderTopStyle, getComputedStyle(element.querySelector('.block-name')!, '::before').content])).toEqual(['dashed', '"? "']);
  expect(await block(page, 'apt-b4').evaluate((element) => getComputedStyle(element).borderTopStyle)).toBe('solid');
  await expectNoSeriousViolations(page, 'the day with service colours and the legend open');

  // Off: the status colours are back, no block drawn anew (the grid's class), and main keeps it.
  await panel.getByRole('checkbox', { name: 'Colour by service' }).uncheck();
  await expect(grid(page)).not.toHaveClass(/look-colours/);
  expect((await paint('[data-appointment="apt-b4"]'))[0]).toBe('rgb(232, 240, 254)');
  await expect(panel).toContainText('Colours are off');
  await expect.poll(() => savedLook(page)).toMatchObject({ serviceColours: false });
  await expectNoSeriousViolations(page, 'the day with colours off');
  // Esc closes the panel and gives the keyboard back to its button.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(page.getByRole('button', { name: 'Display' })).toBeFocused();
  // From the keyboard: Enter opens it, Tab goes through it, and on past its end closes it.
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('checkbox', { name: 'Colour by service' })).toBeFocused();
  for (let i = 0; i < 10 && (await panel.isVisible()); i += 1) await page.keyboard.press('Tab');
  await expect(panel).toBeHidden();
});

test.describe('zoom and density', () => {
  const running: HostFixture[] = [];
  test.afterEach(async () => {
    for (const host of running.splice(0)) await host.close();
  });

  test('Ctrl + and − zoom the time axis around the focused block, a drag at zoom lands at its time in Leyr, and density and zoom survive a restart', async ({ page }) => {
    const first = await startTestHost({ demoDate: CLINIC_DATE, seedFile: DAY_CLINIC });
    await openDay(page, first);
    expect(await hourHeight(page)).toBeCloseTo(120, 0);
    // The page's own zoom is not touched: each key's default (the browser's zoom) is prevented.
    await page.evaluate(() => {
      (window as unknown as { zoomKeys: boolean[] }).zoomKeys = [];
      window.addEventListener('keydown', (event) => {
        if (event.key !== 'Control') (window as unknown as { zoomKeys: boolean[] }).zoomKeys.push(event.defaultPrevented);
      });
    });

    // Focus a block; zooming keeps it where it is on screen.
    await block(page, 'apt-b4').click();
    await expect(block(page, 'apt-b4')).toBeFocused();
    const before = (await block(page, 'apt-b4').boundingBox())!;
    await page.keyboard.press('Control+Equal');
    await expect(grid(page)).toHaveAttribute('data-zoom', '1.25');
    await page.keyboard.press('Control+Equal');
    await expect(grid(page)).toHaveAttribute('data-zoom', '1.5');
    expect(await hourHeight(page)).toBeCloseTo(180, 0);
    const after = (await block(page, 'apt-b4').boundingBox())!;
    expect(Math.abs(after.y - before.y)).toBeLessThan(3);
    expect(after.height).toBeCloseTo((before.height + 1) * 1.5 - 1, 0);
    expect(await page.evaluate(() => (window as unknown as { zoomKeys: boolean[] }).zoomKeys)).toEqual([true, true]);
    expect(await page.evaluate(() => window.devicePixelRatio)).toBe(1);

    // A drag at zoom 1.5: Dr. Bo Lind's 10:30 to Cilla Berg's free 11:00.
    const grabBox = (await block(page, 'apt-b4').boundingBox())!;
    await page.mouse.move(grabBox.x + grabBox.width / 2, grabBox.y + 10);
    await page.mouse.down();
    const target = await pointAtScale(page, 'res-c', '11:00', 10);
    await page.mouse.move(target.x, target.y, { steps: 12 });
    await expect(page.getByTestId('drag-indicator')).toHaveText('Move to 11:00, Sjuksköterska Cilla Berg');
    await page.mouse.up();
    await expectInLeyr(first.sandbox!, 'apt-b4', (a) => a?.resource_id === 'res-c' && Date.parse(a.start) === at(CLINIC_DATE, '11:00'), 'apt-b4 moved to res-c 11:00 at zoom 1.5');

    // Out past the default, then compact: narrower columns, shorter minutes.
    await page.keyboard.press('Control+Minus');
    await page.keyboard.press('Control+Minus');
    await page.keyboard.press('Control+Minus');
    await expect(grid(page)).toHaveAttribute('data-zoom', '0.75');
    await page.getByRole('button', { name: 'Display' }).click();
    await expect(page.getByTestId('look-zoom-value')).toHaveText('75 %');
    await page.getByRole('radio', { name: 'Compact' }).check();
    await expect(grid(page)).toHaveClass(/density-compact/);
    expect(await hourHeight(page)).toBeCloseTo(60 * 1.5 * 0.75, 0);
    expect((await column(page, 'res-a').boundingBox())?.width).toBeCloseTo(136, 0);
    await expectNoSeriousViolations(page, 'the day, compact, zoomed out');
    await expect.poll(() => savedLook(page)).toEqual({ serviceColours: true, density: 'compact', zoom: 0.75 });

    // A drag in compact at 0.75 lands too: Cilla Berg's moved block back to Dr. Bo Lind at 10:30.
    await page.keyboard.press('Escape');
    const moved = (await block(page, 'apt-b4').boundingBox())!;
    await page.mouse.move(moved.x + moved.width / 2, moved.y + 5);
    await page.mouse.down();
    const back = await pointAtScale(page, 'res-b', '10:30', 5);
    await page.mouse.move(back.x, back.y, { steps: 12 });
    await expect(page.getByTestId('drag-indicator')).toHaveText('Move to 10:30, Dr. Bo Lind');
    await page.mouse.up();
    await expectInLeyr(first.sandbox!, 'apt-b4', (a) => a?.resource_id === 'res-b' && Date.parse(a.start) === at(CLINIC_DATE, '10:30'), 'apt-b4 moved to res-b 10:30 in compact at 0.75');

    // The app restarts on the same data folder (another port: nothing of the page's storage carries over).
    await first.close({ keepData: true });
    const second = await startTestHost({ demoDate: CLINIC_DATE, seedFile: DAY_CLINIC, dataDir: first.dataDir });
    running.push(second);
    await openDay(page, second);
    await expect(grid(page)).toHaveAttribute('data-zoom', '0.75');
    await expect(grid(page)).toHaveClass(/density-compact/);
    // Ctrl 0 resets the zoom, and not the density.
    await page.keyboard.press('Control+Digit0');
    await expect(grid(page)).toHaveAttribute('data-zoom', '1');
    expect(await hourHeight(page)).toBeCloseTo(90, 0);
    await expect.poll(() => savedLook(page)).toEqual({ serviceColours: true, density: 'compact', zoom: 1 });
    // The desktop app's View menu zooms through main (an event), as the keys do.
    second.services.bus.emit('menu.command', { command: 'zoom-in' });
    await expect(grid(page)).toHaveAttribute('data-zoom', '1.25');
    second.services.bus.emit('menu.command', { command: 'zoom-reset' });
    await expect(grid(page)).toHaveAttribute('data-zoom', '1');
  });
});

test('the Columns dialog: typing filters, arrows move, a column goes to the top or the bottom', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await page.getByRole('button', { name: 'Columns' }).click();
  const dialog = page.getByTestId('columns-dialog');
  const filter = dialog.getByRole('searchbox', { name: 'Find a column' });
  await expect(filter).toBeFocused();
  await page.keyboard.type('cil');
  await expect(dialog.getByRole('checkbox')).toHaveCount(1);
  await expect(dialog.getByTestId('columns-filter-count')).toHaveText('1 of 3');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('checkbox', { name: 'Show Sjuksköterska Cilla Berg' })).toBeFocused();
  // To the top from the keyboard: the keyboard stays on Cilla Berg's row.
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Move Sjuksköterska Cilla Berg to the top (first column)' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('checkbox', { name: 'Show Sjuksköterska Cilla Berg' })).toBeFocused();
  await expect(page.getByTestId('notices')).toContainText('Sjuksköterska Cilla Berg is now the first column.');
  // Arrow up from the first row goes back to the box; the filter cleared shows every column in the new order.
  await page.keyboard.press('ArrowUp');
  await expect(filter).toBeFocused();
  await filter.fill('');
  await expect(dialog.locator('[data-column-row] .check')).toHaveText(['Sjuksköterska Cilla Berg', 'Dr. Anna Ek', 'Dr. Bo Lind']);
  // Arrows move down the rows; typing there goes on in the filter box.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('checkbox', { name: 'Show Dr. Anna Ek' })).toBeFocused();
  await page.keyboard.type('bo');
  await expect(filter).toBeFocused();
  await expect(filter).toHaveValue('bo');
  await expect(dialog.getByRole('checkbox')).toHaveCount(1);
  await filter.fill('ek');
  await dialog.getByRole('button', { name: 'Move Dr. Anna Ek to the bottom (last column)' }).click();
  await expectNoSeriousViolations(page, 'the Columns dialog', '[data-testid="columns-dialog"]');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('rowheader')).toHaveText(['Sjuksköterska Cilla Berg4', 'Dr. Bo Lind4', 'Dr. Anna Ek4']);
});
