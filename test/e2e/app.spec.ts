import { expect, test } from './fixtures.ts';

test('the page loads and shows app info that came from main through the contract', async ({ page, web }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(web.host.url);
  const info = page.getByTestId('app-info');
  // The version below is only known to main's services (the test host passes it in).
  await expect(info).toContainText('v0.0.0-test');
  await expect(info).toContainText('web');
  await expect(page.getByRole('banner')).toContainText('Frontdesk');
  // The token is taken out of the address bar once read.
  expect(page.url()).not.toContain('token=');
  expect(errors).toEqual([]);
});

test('window.frontdesk exposes the contract methods only, no generic invoke', async ({ page, web }) => {
  await page.goto(web.host.url);
  await expect(page.getByTestId('app-info')).toContainText('v0.0.0-test');
  const keys = await page.evaluate(() => Object.keys(window.frontdesk).sort());
  expect(keys).toContain('getAppInfo');
  expect(keys).toContain('on');
  expect(keys).not.toContain('invoke');
  expect(keys).not.toContain('ipcRenderer');
  const result = await page.evaluate(() => window.frontdesk.getAppInfo());
  expect(result.ok).toBe(true);
});

test('a page with a wrong token is refused and says it cannot reach the app', async ({ page, web }) => {
  await page.goto(`${web.host.origin}/#token=not-the-token`);
  await expect(page.getByRole('alert')).toContainText('Could not reach the app');
  await expect(page.getByTestId('app-info')).not.toContainText('v0.0.0-test');
});
