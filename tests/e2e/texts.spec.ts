import { expect, test, type Page, type Route } from '@playwright/test';
import { backupOf, FOLLOW_UP_KINDS, openApp, replaceWithBackup, waitForApp } from './helpers';

// In English the wasm holds only the first screens' texts; the rest come in
// en.json once the app is up (build.rs, LATER). A text that has not come
// stands as a word joiner, U+2060: Today must never show one, and the
// screens past it wait for the file.

test.use({ timezoneId: 'America/Toronto', serviceWorkers: 'block' });

const WEDNESDAY = new Date('2026-12-02T10:00:00-05:00');
const AT = '2026-11-01T10:00:00Z';
const NOT_YET = '\u2060';

/** A chat booked for tomorrow, one held last week, and a follow-up of every
 * kind, overdue, due, snoozed and done. */
function aFullToday() {
  const person = (id: string, name: string, organisation = '') => ({ id, name, organisation, created_at: AT, updated_at: AT });
  const stages = (...names: string[]) => names.map((stage) => ({ stage, at: AT }));
  const followups = FOLLOW_UP_KINDS.map((kind, n) => ({
    id: `f${n}`,
    kind,
    person_id: n % 2 ? 'p1' : 'p2',
    chat_id: n % 2 ? 'c1' : 'c2',
    due: `2026-11-${String(20 + n).padStart(2, '0')}`,
    status: 'open',
    title: `Task ${n}`,
    created_at: AT,
    updated_at: AT,
  }));
  followups.push(
    { ...followups[8], id: 'f9', due: '2026-12-02', snoozed_until: '2026-12-01' } as any,
    { ...followups[8], id: 'f10', due: '2026-12-02', status: 'done' },
  );
  return {
    ...backupOf({
      people: [person('p1', 'Ana Silva', 'Shopify'), person('p2', 'Ben Okafor', 'Hydro-Québec')],
      chats: [
        {
          id: 'c1',
          person_id: 'p1',
          history: stages('idea', 'asked', 'booked'),
          starts_at: '2026-12-03T08:30:00',
          format: 'in_person',
          place: 'Café Olimpico',
          created_at: AT,
          updated_at: AT,
        },
        {
          id: 'c2',
          person_id: 'p2',
          history: stages('idea', 'asked', 'booked', 'done'),
          starts_at: '2026-11-25T08:30:00',
          format: 'video',
          takeaways: 'Read the annual report first',
          advice: 'Talk to the planning team',
          created_at: AT,
          updated_at: AT,
        },
      ],
    }),
    followups,
  };
}

/** Every place a text can show: the page's markup (text and attributes)
 * and its title. */
async function shown(page: Page) {
  return page.evaluate(() => document.title + document.documentElement.outerHTML);
}

async function withoutTheEnglishFile(page: Page) {
  await page.route('**/en.json', (route) => route.abort());
}

test('Today, first and full, shows every text without the English file', async ({ page }) => {
  await page.clock.install({ time: WEDNESDAY });
  await withoutTheEnglishFile(page);
  await openApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  expect(await shown(page)).not.toContain(NOT_YET);

  await page.unroute('**/en.json');
  await page.reload();
  await waitForApp(page);
  await replaceWithBackup(page, aFullToday());
  await withoutTheEnglishFile(page);
  await page.goto('/');
  await waitForApp(page);
  await expect(page.getByRole('heading', { name: 'Next chat' })).toBeVisible();
  await expect(page.getByText('Ben Okafor').first()).toBeVisible();
  // Whatever opens on Today opens without the file too.
  for (const summary of await page.locator('main summary').all()) await summary.click();
  await page.getByLabel('Passphrase for encrypted backups').fill('too short');
  await expect(page.getByText(/at least 12 characters/).first()).toBeVisible();
  expect(await shown(page)).not.toContain(NOT_YET);
  // Settling follow-ups: one done, one skipped.
  await page.getByRole('button', { name: /^Mark done/ }).first().click();
  await page.getByRole('button', { name: /^Skip/ }).first().click();
  await expect(page.getByText(/^8 due today or overdue/)).toBeVisible();
  expect(await shown(page)).not.toContain(NOT_YET);
});

test('a screen past Today waits for its texts, and says what to do when they do not come', async ({ page }) => {
  await withoutTheEnglishFile(page);
  await openApp(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.locator('main').getByRole('status')).toHaveText('This screen’s words did not arrive. Check your connection, then reload the page.');
  expect(await shown(page)).not.toContain(NOT_YET);

  await page.unroute('**/en.json');
  await page.getByRole('button', { name: 'Reload' }).click();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
});

test('opened straight on a screen past Today, the app shows it once its texts come', async ({ page }) => {
  const held: Route[] = [];
  await page.route('**/en.json', (route) => held.push(route));
  await page.goto('/settings');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('main').getByRole('status')).toHaveText('Opening…');
  await expect.poll(() => held.length).toBe(1);
  await held[0].continue();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  expect(await shown(page)).not.toContain(NOT_YET);
});

test.describe('in an iPhone Safari tab', () => {
  test.use({
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1',
  });

  test('the Home Screen tip waits for its words, below Today, and shows once they come', async ({ page }) => {
    const held: Route[] = [];
    await page.route('**/en.json', (route) => held.push(route));
    await openApp(page);
    const tip = page.getByRole('region', { name: 'Keep your notes safe on this iPhone' });
    await expect.poll(() => held.length).toBe(1);
    await expect(tip).toHaveCount(0);
    expect(await shown(page)).not.toContain(NOT_YET);
    const card = await page.locator('main section.card').first().boundingBox();
    await held[0].continue();
    await expect(tip).toContainText('seven days');
    // Nothing above it moved.
    expect(await page.locator('main section.card').first().boundingBox()).toEqual(card);
  });
});
