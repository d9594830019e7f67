// A day opened on an empty store with a slow Leyr: the day says it is loading (never "no
// resources" before Leyr has said so), blocks say their name is coming, then show it, and the
// header tells loading from online.
import { CLINIC_DATE, dayUrl, expect, test } from './fixtures.ts';
import { block } from './day-helpers.ts';

declare global {
  interface Window {
    __sawNoResources: boolean;
  }
}

test('while Leyr is slow: loading, not "no resources"; "Name coming…", then the name', async ({ page, clinic }) => {
  // Watches the whole page from its first paint for the empty-care-unit sentence.
  await page.addInitScript(() => {
    window.__sawNoResources = false;
    const check = (): void => {
      if (document.body?.textContent?.includes('This care unit has no resources.')) window.__sawNoResources = true;
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await clinic.sandbox.setFaults({ latencyMs: 1_000 });
  await page.goto(dayUrl(clinic, CLINIC_DATE));
  const header = page.getByTestId('connectivity');
  await expect(header).toContainText('Loading the day…');
  await expect(page.getByText('Loading the day…').first()).toBeVisible();

  // The appointments are drawn before their names: each says its name is coming.
  const first = block(page, 'apt-a1');
  await expect(first).toHaveAttribute('data-name-coming', 'true');
  await expect(first).toContainText('Name coming…');
  await expect(first).not.toContainText('Unknown patient');
  await expect(header).toContainText(/Loading names… \d+\/\d+/);

  // Then the name, and the header is online.
  await expect(first).toContainText('Astrid Lindqvist', { timeout: 15_000 });
  await expect(first).not.toHaveAttribute('data-name-coming', 'true');
  await expect(page.locator('[data-appointment][data-name-coming="true"]')).toHaveCount(0, { timeout: 15_000 });
  await expect(header).toContainText('Online');
  await expect(header).not.toContainText('Loading');
  expect(await page.evaluate(() => window.__sawNoResources)).toBe(false);
});

test('"Unknown patient" only when Leyr answered that it has no such patient', async ({ page, clinic }) => {
  // Leyr answers every patient lookup with 400 INVALID_PATIENT_ID: it has none of them.
  await clinic.sandbox.setFaults({ routes: ['patient'], errorRate: 1, errors: [{ code: 'GATEWAY', status: 404 }] });
  await page.goto(dayUrl(clinic, CLINIC_DATE));
  await expect(block(page, 'apt-a1')).toContainText('Unknown patient', { timeout: 15_000 });
  await expect(block(page, 'apt-a1')).not.toHaveAttribute('data-name-coming', 'true');
});
