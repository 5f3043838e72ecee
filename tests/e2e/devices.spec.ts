import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addPerson, openApp } from './helpers';

// A phone and a laptop: two browser contexts, two storages, exchanging
// backup files through Settings.

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await openApp(page);
  return page;
}

async function settings(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  return page.getByRole('region', { name: 'Backup' });
}

/** The device's backup file, as downloaded. */
async function exportFile(page: Page): Promise<Buffer> {
  const backup = await settings(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    backup.getByRole('button', { name: 'Export readable backup (.json)' }).click(),
  ]);
  return readFileSync(await download.path());
}

/** Chooses `file` for import and returns the preview's lines. */
async function choose(page: Page, file: Buffer) {
  const backup = await settings(page);
  await backup.getByLabel('Import a backup').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: file });
  await expect(backup.getByText('Merging this backup with what is here would change:')).toBeVisible();
  return backup;
}

async function merge(page: Page, file: Buffer) {
  const backup = await choose(page, file);
  await backup.getByRole('button', { name: 'Merge with what is here' }).click();
  await expect(backup.getByRole('alert')).toContainText('Imported');
}

async function openPerson(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function type(page: Page, label: string, text: string) {
  await page.getByLabel(label, { exact: true }).fill(text);
  // Past the autosave window.
  await page.waitForTimeout(400);
}

test('two devices exchanging files keep every edit, keep deletions, and keep both texts edited on both', async ({ browser }) => {
  test.setTimeout(120_000);
  const phone = await device(browser);
  await addPerson(phone, 'Ana Silva');
  await addPerson(phone, 'Ben Okafor');
  const laptop = await device(browser);
  await merge(laptop, await exportFile(phone));
  const laptopBefore = await exportFile(laptop);

  // Different fields of one person: both edits survive, both ways.
  await openPerson(laptop, 'Ana Silva');
  await type(laptop, 'Role', 'Data analyst');
  await openPerson(phone, 'Ana Silva');
  await type(phone, 'Notes', 'Met at the meetup');
  let backup = await choose(laptop, await exportFile(phone));
  await expect(backup.getByRole('listitem')).toHaveText(['People: 0 added, 1 changed, 0 deleted']);
  await backup.getByRole('button', { name: 'Merge with what is here' }).click();
  await merge(phone, await exportFile(laptop));
  for (const page of [phone, laptop]) {
    await openPerson(page, 'Ana Silva');
    await expect(page.getByLabel('Role', { exact: true })).toHaveValue('Data analyst');
    await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Met at the meetup');
  }

  // A deletion is not undone by an older file from the other device.
  await openPerson(phone, 'Ben Okafor');
  phone.once('dialog', (dialog) => dialog.accept());
  await phone.getByRole('button', { name: 'Delete person' }).click();
  await expect(phone.getByText('Deleted Ben Okafor.')).toBeVisible();
  backup = await choose(phone, laptopBefore);
  await expect(backup.getByRole('listitem')).toHaveText([
    'Merging this backup would change nothing here: this device already holds all of it.',
  ]);
  await backup.getByRole('button', { name: 'Merge with what is here' }).click();
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(phone.locator('.person-name')).toHaveText(['Ana Silva']);
  // And it travels.
  backup = await choose(laptop, await exportFile(phone));
  await expect(backup.getByRole('listitem')).toContainText(['People: 0 added, 0 changed, 1 deleted']);
  await backup.getByRole('button', { name: 'Merge with what is here' }).click();
  await laptop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(laptop.locator('.person-name')).toHaveText(['Ana Silva']);

  // The same text changed on both: both versions stay, and the preview says so.
  await openPerson(phone, 'Ana Silva');
  await type(phone, 'Notes', 'Met at the meetup; follow up in March');
  await openPerson(laptop, 'Ana Silva');
  await type(laptop, 'Notes', 'Met at the meetup; ask about the data team');
  backup = await choose(laptop, await exportFile(phone));
  await expect(backup.getByRole('listitem').last()).toContainText('1 text changed on both devices');
  await backup.getByRole('button', { name: 'Merge with what is here' }).click();
  await openPerson(laptop, 'Ana Silva');
  const both = laptop.getByLabel('Notes', { exact: true });
  await expect(both).toHaveValue(/ask about the data team[\s\S]*Also written on your other device[\s\S]*follow up in March/);
  const kept = await both.inputValue();
  await merge(phone, await exportFile(laptop));
  await openPerson(phone, 'Ana Silva');
  await expect(phone.getByLabel('Notes', { exact: true })).toHaveValue(kept);
});
