import { expect, test } from '@playwright/test';
import { addPerson, emptyFiller, fillStorage, openApp, storedPeople, waitForApp } from './helpers';

test('a corrupted record is set aside; the app starts with a banner and the others intact', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await addPerson(page, 'Ben Okafor');
  await addPerson(page, 'Carla Mendes');

  const benKey = Object.entries(await storedPeople(page)).find(([, p]) => p.name === 'Ben Okafor')![0];
  const garbage = '{"id": "broken by hand", "name": Ben';
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [benKey, garbage]);

  await page.reload();
  await waitForApp(page);
  await expect(page.getByText('1 saved record could not be read.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva', 'Carla Mendes']);

  // The unreadable text is kept, byte for byte, under the quarantine prefix.
  const kept = await page.evaluate((key) => {
    const name = key.replace('coffee-chat/', 'coffee-chat/quarantine/');
    return [localStorage.getItem(key), localStorage.getItem(name)];
  }, benKey);
  expect(kept).toEqual([null, garbage]);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('1 unreadable saved record is kept aside, unchanged.')).toBeVisible();

  // Dismissing hides the banner; the app keeps working and saving.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('1 saved record could not be read.')).toHaveCount(0);
  await addPerson(page, 'Dev Patel');
  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Dev Patel' })).toBeVisible();
});

test('when storage is full the edit stays on screen, a banner says it is not saved, and nothing is lost', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Role').fill('Designer');

  // Fill the origin's localStorage to the brim with someone else's data.
  await fillStorage(page);

  const notes = page.getByLabel('Notes');
  await notes.fill('A long note that no longer fits. '.repeat(40));
  await expect(page.getByRole('alert')).toContainText('Not saved: this browser');
  await expect(notes).toHaveValue(/no longer fits/);
  await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();

  // Make room again: the next keystroke saves everything on screen.
  await emptyFiller(page);
  await notes.press('End');
  await notes.pressSequentially('!');
  await expect(page.getByRole('alert')).not.toContainText('Not saved');
  await page.reload();
  await waitForApp(page);
  await expect(page.getByLabel('Notes')).toHaveValue(/no longer fits\. !$/);
  await expect(page.getByLabel('Role')).toHaveValue('Designer');
});

test('a second tab stays in step through storage events', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first, '/people');
  await openApp(second, '/people');

  await addPerson(first, 'Ana Silva');
  await expect(second.locator('.person-name')).toHaveText(['Ana Silva']);

  await first.getByLabel('Organisation').fill('Shopify');
  await expect(second.getByRole('link', { name: /Ana Silva/ })).toContainText('Shopify');

  await second.getByRole('link', { name: /Ana Silva/ }).click();
  await second.getByRole('button', { name: 'Delete person' }).click();
  await expect(first.getByRole('heading', { name: 'Person not found' })).toBeVisible();
});

test('data from a newer version is shown but never overwritten', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.evaluate(() => localStorage.setItem('coffee-chat/schema', '999'));
  await page.reload();
  await waitForApp(page);
  await expect(page.getByText('updated by a newer version of Coffee Chat').first()).toBeVisible();
  await page.getByLabel('Role').fill('Designer');
  await expect(page.getByRole('alert')).toContainText('Not saved');
  const stored = await storedPeople(page);
  expect(Object.values(stored).map((p) => (p as { role?: string }).role ?? '')).toEqual(['']);
});
