// Comments and printing: a booked appointment's comment edited in its details reaches Leyr
// (the sandbox's comment), offline it waits and is sent once Leyr is back; the cancel dialog
// says the reason replaces the comment; the printout (Ctrl+P) is rendered to a PDF whose text
// lists the chosen resource's appointments, personal numbers masked unless chosen.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CLINIC_DATE, DAY_CLINIC, expect, openDay, test } from './fixtures.ts';
import { block, expectInLeyr, leyrAppointment, requestMark, writesSince } from './day-helpers.ts';
import { expectNoSeriousViolations } from './a11y-helpers.ts';

// The clinic's morning: every appointment of the day is still ahead.
const MORNING = Date.parse(`${CLINIC_DATE}T07:00:00+01:00`);
test.use({ locale: 'en-US', clinicOptions: { seedFile: DAY_CLINIC, demoDate: CLINIC_DATE, schedule: { now: () => MORNING, retry: { baseMs: 200, maxMs: 800 } } } });

/** The PDF's text, as poppler's pdftotext reads it (layout kept: one row a line). */
async function pdfText(page: Page): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'frontdesk-print-'));
  try {
    const file = path.join(dir, 'day.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** window.print() counted instead of opening the browser's dialog. */
const countPrints = async (page: Page): Promise<void> => {
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
};
/**
 * The patient looked up by personal number on this computer (as the receptionist does at the
 * desk): Leyr lists no personal numbers, so the app knows only those it was asked by.
 */
async function lookUp(page: Page, personalNumber: string): Promise<void> {
  const found = await page.evaluate((query) => window.frontdesk.searchPatients({ query }), personalNumber);
  expect(found.ok).toBe(true);
}
const printed = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { printed: number }).printed);

test('a comment edited in the details reaches Leyr as a PATCH of the comment alone', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a1').dblclick();
  const dialog = page.getByTestId('details-dialog');
  await expect(dialog).toBeVisible();
  const text = dialog.getByLabel('Comment (sent to the EHR)');
  await expect(text).toHaveValue('Uppföljning blodtryck');
  await expect(dialog.getByTestId('comment-save')).toBeDisabled();
  await expectNoSeriousViolations(page, 'the details dialog with its comment', '[data-testid="details-dialog"]');
  const mark = await requestMark(clinic.sandbox);
  await text.fill('Uppföljning blodtryck, tolk: arabiska');
  // From the keyboard: Ctrl+Enter in the text box saves.
  await text.press('Control+Enter');
  await expectInLeyr(clinic.sandbox, 'apt-a1', (a) => a?.comment === 'Uppföljning blodtryck, tolk: arabiska', 'the new comment reached Leyr');
  const writes = (await writesSince(clinic.sandbox, mark)).map(({ method, path: where, body }) => ({ method, path: where, body }));
  expect(writes).toEqual([{ method: 'PATCH', path: expect.stringMatching(/\/appointments\/apt-a1$/), body: { comment: 'Uppföljning blodtryck, tolk: arabiska' } }]);
  // Nothing else of it changed.
  const after = await leyrAppointment(clinic.sandbox, 'apt-a1');
  expect(after?.start).toBe('2026-03-23T08:00:00+01:00');
  expect(after?.status).toBe('booked');
  await expect(dialog.getByTestId('comment-save')).toBeDisabled();
});

test('offline, the edited comment waits and is sent once Leyr is back', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await clinic.sandbox.setFaults({ offline: true });
  await block(page, 'apt-b1').dblclick();
  const dialog = page.getByTestId('details-dialog');
  await dialog.getByLabel('Comment (sent to the EHR)').fill('Ta med remiss');
  await dialog.getByRole('button', { name: 'Save comment' }).click();
  await expect(page.getByTestId('connectivity')).toContainText('1 change waiting to be sent', { timeout: 10_000 });
  await expect(block(page, 'apt-b1')).toHaveAttribute('data-pending', 'true');
  expect((await leyrAppointment(clinic.sandbox, 'apt-b1'))?.comment ?? '').toBe('');
  await clinic.sandbox.clearFaults();
  await expectInLeyr(clinic.sandbox, 'apt-b1', (a) => a?.comment === 'Ta med remiss', 'the queued comment reached Leyr');
  await expect(block(page, 'apt-b1')).not.toHaveAttribute('data-pending', 'true', { timeout: 10_000 });
});

test('the cancel dialog says the reason replaces the comment in the EHR', async ({ page, clinic }) => {
  await openDay(page, clinic);
  await block(page, 'apt-a1').dblclick();
  await page.getByTestId('details-dialog').getByRole('button', { name: 'Cancel appointment…' }).click();
  const dialog = page.getByTestId('cancel-dialog');
  await expect(dialog.getByTestId('cancel-replaces-comment')).toHaveText('The reason replaces the appointment’s comment in the EHR. Its comment now: “Uppföljning blodtryck”.');
  // Read out with the reason's field.
  await expect(dialog.getByTestId('cancel-reason')).toHaveAccessibleDescription(/replaces the appointment’s comment/);
  await dialog.getByTestId('cancel-reason').fill('Läkaren sjuk');
  await dialog.getByTestId('confirm-cancel').click();
  await expectInLeyr(clinic.sandbox, 'apt-a1', (a) => a?.status === 'cancelled' && a.comment === 'Läkaren sjuk', 'the reason took the comment’s place');
});

test('print: Ctrl+P, one resource’s day, rendered to PDF; personal numbers masked unless chosen', async ({ page, clinic }) => {
  await countPrints(page);
  await openDay(page, clinic);
  await expect(block(page, 'apt-a1')).toContainText('Astrid Lindqvist');
  await lookUp(page, '196302112070');
  await page.keyboard.press('Control+p');
  const dialog = page.getByTestId('print-dialog');
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page, 'the print dialog', '[data-testid="print-dialog"]');
  // Only Dr. Anna Ek: all off, then hers on.
  await dialog.getByTestId('print-all').uncheck();
  await dialog.getByLabel('Dr. Anna Ek').check();
  await dialog.getByTestId('print-go').click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => printed(page)).toBe(1);
  // On screen the sheet is not shown; on paper only the sheet is.
  await expect(page.getByTestId('print-sheet')).toBeHidden();
  const text = await pdfText(page);
  expect(text).toContain('Dr. Anna Ek');
  expect(text).toContain('Monday, March 23, 2026');
  expect(text).toMatch(/08:00\s*[–-]\s*08:30\s+Astrid Lindqvist 19630211-\*{4}\s+Mottagningsbesök\s+Uppföljning blodtryck/);
  expect(text).not.toContain('196302112070');
  // Another resource's patients and the cancelled appointment are not listed; the grid is not printed.
  expect(text).not.toContain('Dr. Bo Lind');
  expect(text).not.toContain('Patienten sjuk');
  expect(text).not.toContain('Tolvan Tolvansson');

  // Again with personal numbers shown: in full.
  await page.getByTestId('print-button').click();
  await dialog.getByTestId('print-all').uncheck();
  await dialog.getByLabel('Dr. Anna Ek').check();
  await dialog.getByTestId('print-numbers').check();
  await dialog.getByTestId('print-go').click();
  await expect.poll(() => printed(page)).toBe(2);
  expect(await pdfText(page)).toContain('Astrid Lindqvist 196302112070');
});

test('print: a resource’s week lists each day under the resource', async ({ page, clinic }) => {
  await countPrints(page);
  await openDay(page, clinic);
  await lookUp(page, '191212121212');
  await page.getByTestId('print-button').click();
  const dialog = page.getByTestId('print-dialog');
  await dialog.getByTestId('print-week').check();
  await dialog.getByTestId('print-week-resource').selectOption({ label: 'Dr. Bo Lind' });
  await dialog.getByTestId('print-go').click();
  await expect.poll(() => printed(page)).toBe(1);
  const text = await pdfText(page);
  expect(text).toContain('Dr. Bo Lind');
  for (const day of ['Monday, March 23, 2026', 'Tuesday, March 24, 2026', 'Friday, March 27, 2026']) expect(text).toContain(day);
  expect(text).not.toContain('Saturday');
  expect(text).toMatch(/08:00\s*[–-]\s*08:30\s+Tolvan Tolvansson 19121212-\*{4}/);
  expect(text).not.toContain('Dr. Anna Ek');
});
