import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

// Friday 27 November 2026, 8 pm in Toronto, as in the chat journeys.
const FRIDAY_EVENING = new Date('2026-11-27T20:00:00-05:00');

test.use({ timezoneId: 'America/Toronto' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

async function addTarget(page: Page, name: string) {
  await page.getByLabel('Organisation').fill(name);
  await page.getByRole('button', { name: 'Add target' }).click();
  await expect(page.getByLabel('Organisation')).toHaveValue('');
}

const row = (page: Page, name: string) => page.locator('.target-row').filter({ has: page.getByRole('link', { name, exact: true }) });
const names = (page: Page) => page.locator('.target-name');

async function score(page: Page, target: string, motivation: string, postings: string) {
  await page.getByRole('link', { name: target, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: target })).toBeVisible();
  await page.getByLabel('Motivation').selectOption(motivation);
  await page.getByLabel('Postings').selectOption(postings);
  await page.getByRole('link', { name: 'Back to targets' }).click();
}

test('three targets ranked, two people linked by organisation, the advocate column moving, an order by hand, reload, export and import', async ({ page }) => {
  await page.clock.setFixedTime(FRIDAY_EVENING);
  await openApp(page);
  await addPerson(page, 'Someone');
  await nav(page, 'Today');
  await page.getByRole('link', { name: 'Organisations you want to learn about: your targets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Targets' })).toBeVisible();
  await expect(page.getByText('No targets yet.')).toBeVisible();

  await page.getByRole('button', { name: 'Add target' }).click();
  await expect(page.getByText('An organisation needs a name.')).toBeVisible();
  for (const name of ['Hydro-Québec', 'Banque Nationale', 'Shopify Inc.']) await addTarget(page, name);
  // The same organisation, written otherwise, is not added twice.
  await addTarget(page, 'SHOPIFY');
  await expect(names(page)).toHaveText(['Banque Nationale', 'Hydro-Québec', 'Shopify Inc.']);
  await expect(row(page, 'Hydro-Québec')).toContainText('No one yet');
  await expect(row(page, 'Hydro-Québec')).toContainText('No one to ask there yet');

  await score(page, 'Shopify Inc.', '3', '2');
  await score(page, 'Hydro-Québec', '2', '3');
  await score(page, 'Banque Nationale', '2', '3');
  await expect(names(page)).toHaveText(['Shopify Inc.', 'Banque Nationale', 'Hydro-Québec']);
  await expect(row(page, 'Shopify Inc.')).toContainText('Motivation 3 of 3 · Postings 2 of 3');

  // Two people, linked by how they wrote the organisation.
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Organisation').fill('hydro quebec');
  await expect(page.getByText('One of your targets:')).toContainText('Hydro-Québec');
  await addPerson(page, 'Ben Okafor');
  await page.getByLabel('Organisation').fill('Shopify');
  await nav(page, 'People');
  await page.getByRole('link', { name: 'Targets: the organisations you want to learn about' }).click();
  // Someone to ask ranks Hydro-Québec above Banque Nationale, tied on the scores.
  await expect(names(page)).toHaveText(['Shopify Inc.', 'Hydro-Québec', 'Banque Nationale']);
  const hydro = row(page, 'Hydro-Québec');
  await expect(hydro).toContainText('Someone to ask');
  await expect(hydro).toContainText('Next: ask for a short chat with Ana Silva');

  // A request sent: the 3B7 dates.
  await hydro.getByRole('link', { name: 'Ana Silva' }).click();
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  await expect(page.locator('.page-head .stage')).toHaveText('Asked');
  await page.goBack();
  await page.goBack();
  await expect(hydro).toContainText('Waiting for an answer from Ana Silva');
  await expect(hydro).toContainText('No reply by Wed 2 Dec 2026: ask one more person there.');
  await expect(hydro).toContainText('No reply by Tue 8 Dec 2026: follow up once with Ana Silva.');

  // A chat booked.
  await hydro.getByRole('link', { name: 'Ana Silva' }).click();
  await page.getByLabel('Date and time').fill('2026-12-04T08:30');
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'In person' });
  await page.getByLabel('Place (café, address)').fill('Café Pamenar');
  await page.getByRole('button', { name: 'Mark as booked' }).click();
  await expect(page.locator('.page-head .stage')).toHaveText('Booked');
  await page.goBack();
  await expect(hydro).toContainText('Someone said yes');
  await expect(hydro).toContainText('A chat with Ana Silva is booked.');
  await expect(hydro.getByRole('link', { name: 'Prepare' })).toBeVisible();

  // The next five hold those with something to do; the whole list moves by hand.
  await page.getByRole('button', { name: 'All (3)' }).click();
  await expect(page.getByRole('button', { name: 'All (3)' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Move down: Shopify Inc.' }).click();
  await expect(names(page)).toHaveText(['Hydro-Québec', 'Shopify Inc.', 'Banque Nationale']);
  await expect(page.getByText('You put this list in your own order.')).toBeVisible();
  await page.reload();
  await waitForApp(page);
  await page.getByRole('button', { name: 'All (3)' }).click();
  await expect(names(page)).toHaveText(['Hydro-Québec', 'Shopify Inc.', 'Banque Nationale']);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Rank it by the scores again' }).click();
  await expect(names(page)).toHaveText(['Shopify Inc.', 'Hydro-Québec', 'Banque Nationale']);

  // A rename asks before it touches what was typed on a person.
  await page.getByRole('link', { name: 'Shopify Inc.', exact: true }).click();
  await expect(page.getByRole('list').filter({ hasText: 'Ben Okafor' })).toContainText('Idea');
  await page.getByLabel('Name').fill('Shopify Commerce');
  await expect(page.getByRole('status').filter({ hasText: 'this target’s former name' })).toHaveText(
    '1 person on your list works at “Shopify Inc.”, this target’s former name. Change their organisation to “Shopify Commerce”?Change theirsKeep what they have',
  );
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Change theirs' }).click();
  await expect(page.getByRole('button', { name: 'Change theirs' })).toHaveCount(0);
  await page.getByRole('region', { name: 'People there' }).getByRole('link', { name: 'Ben Okafor' }).click();
  await expect(page.getByLabel('Organisation')).toHaveValue('Shopify Commerce');

  // Out to a file and back.
  await nav(page, 'Settings');
  const backup = page.getByRole('region', { name: 'Backup' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    backup.getByRole('button', { name: 'Export readable backup (.json)' }).click(),
  ]);
  const file = await download.path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  expect(json.targets.map((t: { name: string }) => t.name)).toEqual(['Hydro-Québec', 'Banque Nationale', 'Shopify Commerce']);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await waitForApp(page);
  await page.getByRole('region', { name: 'Backup' }).getByLabel('Import a backup').setInputFiles(file);
  await page.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await expect(page.getByRole('region', { name: 'Backup' }).getByRole('alert')).toContainText('Imported');
  await page.goto('/targets');
  await waitForApp(page);
  await expect(names(page)).toHaveText(['Shopify Commerce', 'Hydro-Québec', 'Banque Nationale']);
  await expect(row(page, 'Hydro-Québec')).toContainText('Someone said yes');
});

test('a person’s organisation becomes a target in one tap, and a deleted target leaves the people as they were', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Organisation').fill('Ville de Québec');
  await page.getByRole('button', { name: 'Add this organisation to your targets' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ville de Québec' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'People there' }).getByRole('link', { name: 'Ana Silva' })).toBeVisible();
  await page.getByLabel('Web address').fill('javascript:alert(1)');
  await expect(page.getByText('Use a web address starting with https:// or http://.')).toBeVisible();
  await page.getByRole('button', { name: 'Delete target' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Targets' })).toBeVisible();
  await expect(page.getByText('No targets yet.')).toBeVisible();
  await page.goto('/targets/nothing-here');
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'This target is not on your list' })).toBeVisible();
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`in French, ${scheme}`, () => {
    test.use({ locale: 'fr-CA', colorScheme: scheme });
    test('Targets and a target pass axe', async ({ page }) => {
      await page.goto('/targets');
      await expect(page.locator('#skeleton, #glance')).toHaveCount(0, { timeout: 30_000 });
      await expect(page.getByRole('navigation', { name: 'Principale' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 1, name: 'Cibles' })).toBeVisible();
      await page.getByLabel('Organisation').fill('Desjardins');
      await page.getByRole('button', { name: 'Ajouter la cible' }).click();
      await expect(page.locator('.target-row')).toContainText('Personne encore');
      await expectNoSeriousA11yViolations(page);
      await page.getByRole('link', { name: 'Desjardins', exact: true }).click();
      await expect(page.getByLabel('Motivation')).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    });
  });
}

test('Targets passes axe in English, dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, '/targets');
  await addTarget(page, 'Desjardins');
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('link', { name: 'Desjardins', exact: true }).click();
  await expectNoSeriousA11yViolations(page);
});
