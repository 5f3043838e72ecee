import { expect, test } from '@playwright/test';
import { addPerson, backupOf, numberedPeople, openApp, replaceWithBackup, storedPeople } from './helpers';

test('add a person, fill in their details, reload and find everything', async ({ page }) => {
  await openApp(page);
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  await page.getByRole('link', { name: 'Add your first person' }).click();
  await page.getByLabel('Name').fill('Ana Silva');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();

  await page.getByLabel('Role').fill('Data analyst');
  await page.getByLabel('Organisation').fill('Shopify');
  await page.getByLabel('Email').fill('ana@example.com');
  await page.getByLabel('Tags, separated by commas').fill('data, mentor');
  await page.getByLabel('Notes').fill('Spoke at the Toronto data meetup.\nAsk about the analytics team.');

  // Only http and https addresses are accepted for LinkedIn.
  const linkedin = page.getByLabel('LinkedIn address');
  await linkedin.fill('javascript:alert(1)');
  await expect(page.getByText('Use a web address starting with https:// or http://.')).toBeVisible();
  await expect(linkedin).toHaveAttribute('aria-invalid', 'true');
  await linkedin.fill('https://www.linkedin.com/in/ana-silva');
  await expect(linkedin).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('link', { name: 'Open LinkedIn profile' })).toHaveAttribute(
    'href',
    'https://www.linkedin.com/in/ana-silva',
  );
  await expect(page.getByRole('link', { name: 'Email ana@example.com' })).toHaveAttribute(
    'href',
    'mailto:ana@example.com',
  );

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();
  await expect(page.getByLabel('Role')).toHaveValue('Data analyst');
  await expect(page.getByLabel('Organisation')).toHaveValue('Shopify');
  await expect(page.getByLabel('LinkedIn address')).toHaveValue('https://www.linkedin.com/in/ana-silva');
  await expect(page.getByLabel('Tags, separated by commas')).toHaveValue('data, mentor');
  await expect(page.getByLabel('Notes')).toHaveValue(
    'Spoke at the Toronto data meetup.\nAsk about the analytics team.',
  );

  await page.getByRole('link', { name: 'Back to People' }).click();
  const row = page.getByRole('link', { name: /Ana Silva/ });
  await expect(row).toContainText('Data analyst · Shopify');
  await expect(row).toContainText('Idea');
});

test('a name is required, and a cleared name is never saved', async ({ page }) => {
  await openApp(page, '/people/new');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByText('A name is required.')).toBeVisible();
  await expect(page.getByLabel('Name')).toBeFocused();
  expect(await storedPeople(page)).toEqual({});

  await page.getByLabel('Name').fill('Ben Okafor');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Name').fill('');
  await expect(page.getByText('A name is required.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Name')).toHaveValue('Ben Okafor');
});

test('the list is sorted by stage then name, and search covers organisation and notes', async ({ page }) => {
  await openApp(page);
  for (const name of ['Zoë Park', 'adam Roy', 'Hélène Tremblay']) await addPerson(page, name);
  await page.getByLabel('Organisation').fill('City of Montréal');
  await page.getByLabel('Notes').fill('Runs the open data portal');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.locator('.person-name')).toHaveText(['adam Roy', 'Hélène Tremblay', 'Zoë Park']);
  await expect(page.getByText('3 people')).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search people' });
  await search.fill('montreal');
  await expect(page.locator('.person-name')).toHaveText(['Hélène Tremblay']);
  await search.fill('PORTAL');
  await expect(page.locator('.person-name')).toHaveText(['Hélène Tremblay']);
  await expect(page.getByText('1 of 3 people match')).toBeVisible();
  await search.fill('nobody like this');
  await expect(page.getByText('No one matches that search and stage.')).toBeVisible();
});

test('delete offers undo, and a delete that is kept survives reload', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await addPerson(page, 'Ben Okafor');
  await page.getByRole('button', { name: 'Delete person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page.getByText('Deleted Ben Okafor.')).toBeVisible();
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva']);

  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva', 'Ben Okafor']);
  await page.reload();
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva', 'Ben Okafor']);

  await page.getByRole('link', { name: /Ben Okafor/ }).click();
  await page.getByRole('button', { name: 'Delete person' }).click();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Deleted Ben Okafor.')).toHaveCount(0);
  await page.reload();
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva']);
  expect(Object.values(await storedPeople(page)).map((p) => p.name)).toEqual(['Ana Silva']);
});

test('"introduced by" links the two people both ways', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Bea Quist');
  await addPerson(page, 'Ana Silva');
  await page.getByRole('link', { name: 'Add someone they introduced' }).click();
  await expect(page.getByLabel('Introduced by')).toHaveValue(/.+/);
  await page.getByLabel('Name').fill('Carla Mendes');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Carla Mendes' })).toBeVisible();
  await expect(page.getByLabel('Introduced by')).toHaveValue(/.+/);
  await expect(page.getByText('Introduced by Ana Silva')).toBeVisible();
  // The menu opens the screen with the current choice alone; a tap on it
  // lists everyone else, the choice still made.
  const menu = page.getByLabel('Introduced by');
  await expect(menu.locator('option')).toHaveText(['No one on my list', 'Ana Silva']);
  await menu.click();
  await expect(menu.locator('option')).toHaveText(['No one on my list', 'Ana Silva', 'Bea Quist']);
  await expect(menu.locator('option:checked')).toHaveText('Ana Silva');
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: 'Ana Silva' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Carla Mendes' })).toBeVisible();

  // The link can be changed and removed from the person's own screen.
  await page.getByRole('link', { name: 'Carla Mendes' }).click();
  await page.getByLabel('Introduced by').selectOption({ label: 'No one on my list' });
  await page.reload();
  await expect(page.getByText('Introduced by Ana Silva')).toHaveCount(0);
  await expect(page.getByLabel('Introduced by')).toHaveValue('');
});

test('a person that does not exist gets a plain message', async ({ page }) => {
  await openApp(page, '/people/no-such-person');
  await expect(page.getByRole('heading', { name: 'Person not found' })).toBeVisible();
  await openApp(page, '/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('a long list opens with a screenful, grows as it is scrolled or asked; search reaches everyone', async ({ page }) => {
  await openApp(page);
  const people = numberedPeople(120, (i) => ({ organisation: i === 117 ? 'Hydro-Québec' : 'Shopify' }));
  await replaceWithBackup(page, backupOf({ people }));

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.getByText('120 people', { exact: true })).toBeVisible();
  const rows = page.locator('.people-list > li');
  await expect(rows).toHaveCount(15);
  await expect(rows.first()).toContainText('Person 000');
  // A tap, without scrolling: fifty more.
  await page.getByRole('button', { name: 'Show 50 more of 105' }).dispatchEvent('click');
  await expect(rows).toHaveCount(65);
  // Scrolling down to the button shows the next ones without a tap.
  await page.getByRole('button', { name: 'Show 50 more of 55' }).scrollIntoViewIfNeeded();
  await expect(rows).toHaveCount(115);
  await page.getByRole('button', { name: 'Show 5 more of 5' }).dispatchEvent('click');
  await expect(rows).toHaveCount(120);
  await expect(page.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);

  // Search looks past the first page, and starts a new one.
  await page.getByLabel('Search people').fill('hydro quebec');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Person 117');
  // Every word counts: 011 and 110 to 119.
  await page.getByLabel('Search people').fill('person 11');
  await expect(page.getByText('11 of 120 people match')).toBeVisible();
  await expect(rows).toHaveCount(11);
  await page.getByLabel('Search people').fill('');
  await expect(rows).toHaveCount(15);
});
