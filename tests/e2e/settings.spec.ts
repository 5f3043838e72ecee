import { expect, test } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

test('the theme and the length of new chats are settings that stick', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, '/settings');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(246, 239, 230)');
  await page.getByLabel('Theme').selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe('rgb(27, 22, 19)');
  await page.getByLabel('Planned length of new chats').selectOption({ label: '20 minutes' });
  await page.reload();
  await waitForApp(page);
  expect(await background()).toBe('rgb(27, 22, 19)');
  await expectNoSeriousA11yViolations(page);

  // "As the phone is set" follows the system again.
  await page.getByLabel('Theme').selectOption({ label: 'As the phone is set' });
  await expect.poll(background).toBe('rgb(246, 239, 230)');

  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await expect(page.getByLabel('Planned length')).toHaveValue('20');
});
