import { expect, test } from '@playwright/test';
import { backupOf, numberedPeople, openApp, replaceWithBackup, WRITTEN_AT } from './helpers';

// Moving between screens: links change the screen in place, Back and
// Forward return to where the person was, and the address always says
// which screen is open.

const nav = (page) => page.getByRole('navigation', { name: 'Main' });

test('the bottom navigation changes screens without loading a page and marks the current one', async ({ page }) => {
  await openApp(page);
  // Anything left on `window` is gone after a page load.
  await page.evaluate(() => ((window as any).samePage = true));
  for (const [name, path, heading] of [
    ['People', '/people', 'People'],
    ['Queue', '/queue', 'Follow-ups'],
    ['Insights', '/insights', 'Insights'],
    ['Settings', '/settings', 'Settings & data'],
    ['Today', '/', 'Today'],
  ]) {
    await nav(page).getByRole('link', { name }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(nav(page).getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
    await expect(nav(page).locator('[aria-current="page"]')).toHaveCount(1);
    await expect(page).toHaveTitle(`${name} · Coffee Chat`);
  }
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);

  // A screen inside a section keeps the section marked; Today only at home.
  await nav(page).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Add person' }).click();
  await expect(page).toHaveURL('/people/new');
  await expect(nav(page).getByRole('link', { name: 'People' })).toHaveAttribute('aria-current', 'page');
  await expect(nav(page).getByRole('link', { name: 'Today' })).not.toHaveAttribute('aria-current', 'page');

  // Tapping the open tab again adds no step to the history.
  const length = await page.evaluate(() => history.length);
  await nav(page).getByRole('link', { name: 'People' }).click();
  await nav(page).getByRole('link', { name: 'People' }).click();
  expect(await page.evaluate(() => history.length)).toBe(length + 1);
  expect(await page.evaluate(() => (window as any).samePage)).toBe(true);
});

test('Back and Forward return to the screen and the place in it', async ({ page }) => {
  await openApp(page);
  await replaceWithBackup(page, backupOf({ people: numberedPeople(40) }));
  await nav(page).getByRole('link', { name: 'People' }).click();
  // The list draws its next rows by itself once its end is scrolled near,
  // which can take a "Show more" button away under a tap; so scroll, as a
  // person does, until the far row is there.
  const far = page.getByRole('link', { name: 'Person 030' });
  await expect(async () => {
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(far).toBeAttached({ timeout: 1000 });
  }).toPass();
  await far.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(500);

  // A new screen opens at its top.
  await far.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Person 030' })).toBeVisible();
  await expect(page).toHaveURL('/people/p030');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);

  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Person 030' })).toBeVisible();

  // Straight from one person to another: the screen follows the address.
  await page.goto('/people/p001');
  await expect(page.getByRole('heading', { level: 1, name: 'Person 001' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Person 030' })).toBeVisible();
});

test('query strings choose a section, and Back returns to the section before', async ({ page }) => {
  await openApp(page, '/insights?section=network');
  const sections = page.getByRole('navigation', { name: 'Insights sections' });
  await expect(sections.getByRole('link', { name: 'Network' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2, name: 'Your network' })).toBeVisible();
  await sections.getByRole('link', { name: 'Words' }).click();
  await expect(page).toHaveURL('/insights?section=words');
  await expect(sections.getByRole('link', { name: 'Words' })).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(page).toHaveURL('/insights?section=network');
  await expect(sections.getByRole('link', { name: 'Network' })).toHaveAttribute('aria-current', 'page');

  // A shared page's words arrive decoded, as a form sends them.
  await openApp(page, '/people/new?title=Ana+Silva%20-%20Data%20analyst%20%7C%20LinkedIn&url=https%3A%2F%2Fwww.linkedin.com%2Fin%2Fana');
  await expect(page.getByLabel('Name')).toHaveValue('Ana Silva');
  await expect(page.getByLabel('Profile address')).toHaveValue('https://www.linkedin.com/in/ana');
});

test('links the browser should follow itself are left to it', async ({ page, context }) => {
  await openApp(page);
  // The skip link moves to the screen's content without changing screens.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  await expect(page).toHaveURL('/#main');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();

  // A tap with Ctrl (or the middle button) opens a new tab and leaves this one.
  const opened = context.waitForEvent('page');
  await nav(page).getByRole('link', { name: 'Settings' }).click({ modifiers: ['Control'] });
  const tab = await opened;
  await tab.waitForLoadState();
  expect(new URL(tab.url()).pathname).toBe('/settings');
  await expect(page).toHaveURL('/#main');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();

  // Unknown addresses, and ones with a trailing slash or an encoded id.
  await openApp(page, '/settings/');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings & data' })).toBeVisible();
  await openApp(page, '/chats/no%20such%20chat/meet');
  await expect(page.getByRole('heading', { level: 1, name: 'Chat not found' })).toBeVisible();
  await openApp(page, '/people/new/extra');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
});

test('the Meet shortcut opens the next booked chat in its place, so Back does not bounce', async ({ page }) => {
  await openApp(page);
  const at = WRITTEN_AT;
  const people = [{ id: 'a', name: 'Ana Silva', created_at: at, updated_at: at }];
  const chats = [
    {
      id: 'c1',
      person_id: 'a',
      history: [
        { stage: 'idea', at },
        { stage: 'booked', at },
      ],
      // Far ahead, so that it is the next booked chat whatever the date.
      starts_at: '2099-12-04T08:30:00',
      created_at: at,
      updated_at: at,
    },
  ];
  await replaceWithBackup(page, backupOf({ people, chats }));
  await nav(page).getByRole('link', { name: 'Today' }).click();
  await page.goto('/meet');
  await expect(page).toHaveURL('/chats/c1/meet');
  await expect(page.getByRole('timer')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
});
