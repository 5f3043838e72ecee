import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addPerson, expectNoSeriousA11yViolations, openApp, storedPeople, waitForApp } from './helpers';

test('export a backup, lose everything, import it back; a bad file changes nothing', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Organisation').fill('Shopify');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await addPerson(page, 'Ben Okafor');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const backup = page.getByRole('region', { name: 'Backup' });
  await expect(backup).toContainText('No backup yet. Export one now');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    backup.getByRole('button', { name: 'Export readable backup (.json)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^coffee-chat-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json).toMatchObject({ app: 'coffee-chat', schema: 3 });
  expect(json.people.map((p: { name: string }) => p.name)).toEqual(['Ana Silva', 'Ben Okafor']);
  expect(json.chats).toHaveLength(1);
  await expect(backup).toContainText('Last backup today.');

  // A file that is not a backup: said plainly, and nothing changes.
  await backup.getByLabel('Import a backup').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(backup.getByRole('alert')).toHaveText('This file is not a Coffee Chat backup. Nothing was changed.');
  expect(Object.keys(await storedPeople(page))).toHaveLength(2);

  // Everything lost: the browser's storage is cleared.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForApp(page);
  await expect(page.getByText('0 people are saved on this device.')).toBeVisible();

  await page.getByRole('region', { name: 'Backup' }).getByLabel('Import a backup').setInputFiles(file);
  await expect(page.getByText('This backup from')).toContainText('holds 2 people, 1 chat and 0 follow-ups');
  await page.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await expect(page.getByRole('region', { name: 'Backup' }).getByRole('alert')).toContainText('Imported');
  await page.reload();
  await waitForApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva', 'Ben Okafor']);
  await page.getByRole('link', { name: /Ana Silva/ }).click();
  await expect(page.getByLabel('Organisation')).toHaveValue('Shopify');
  await expect(page.getByRole('link', { name: /^Chat · Idea/ })).toBeVisible();

  // Merging keeps what is here and adds what is not.
  await addPerson(page, 'Cleo Tremblay');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('region', { name: 'Backup' }).getByLabel('Import a backup').setInputFiles(file);
  await page.getByRole('button', { name: 'Merge with what is here' }).click();
  await expect(page.getByText('3 people are saved on this device.')).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});
