import { expect, test, type Page } from '@playwright/test';
import { backupOf, layoutShifts, openApp, replaceWithBackup, waitForApp, watchLayoutShifts } from './helpers';

// A returning person's Today is drawn from its glance (src/state/glance.rs)
// before the records are read, then the app draws it again from them.

test.use({ timezoneId: 'America/Toronto', serviceWorkers: 'block' });

const WEDNESDAY = new Date('2026-12-02T10:00:00-05:00');
const AT = '2026-11-01T10:00:00Z';

/** Ana booked for tomorrow; seven reminders overdue, two of them about Ben
 * at Shopify, where Dev works too; Eve, whom Today does not name. */
function aBusyWeek() {
  const person = (id: string, name: string, organisation = '') => ({ id, name, organisation, created_at: AT, updated_at: AT });
  const item = (n: number, person_id: string, kind = 'custom') => ({
    id: `f${n}`,
    kind,
    person_id,
    due: `2026-11-${String(10 + n).padStart(2, '0')}`,
    status: 'open',
    title: `Task ${n}`,
    created_at: AT,
    updated_at: AT,
  });
  return {
    ...backupOf({
      people: [person('p1', 'Ana Silva'), person('p2', 'Ben Okafor', 'Shopify'), person('p3', 'Dev Patel', 'Shopify'), person('p4', 'Eve Martin')],
      chats: [
        {
          id: 'c1',
          person_id: 'p1',
          history: [
            { stage: 'idea', at: AT },
            { stage: 'asked', at: AT },
            { stage: 'booked', at: AT },
          ],
          starts_at: '2026-12-03T08:30:00',
          format: 'in_person',
          place: 'Café Olimpico',
          research: 'Her talk on pricing',
          created_at: AT,
          updated_at: AT,
        },
      ],
    }),
    followups: [item(1, 'p2', 'second_contact'), ...[2, 3, 4, 5, 6, 7].map((n) => item(n, n % 2 ? 'p1' : 'p2'))],
  };
}

/** What is on screen when Today is first drawn from its glance, and when the
 * app has taken its place; and every layout shift of the visit. */
async function watchTheStart(page: Page) {
  await watchLayoutShifts(page);
  await page.addInitScript(() => {
    const w = window as any;
    const snapshot = () => ({
      text: (document.querySelector('main') as HTMLElement).innerText,
      boxes: [...document.querySelectorAll('main h1, main h2, main li, main progress, nav.bottom-nav')].map((e) => {
        const box = e.getBoundingClientRect();
        return [Math.round(box.top), Math.round(box.height)];
      }),
      today: (document.querySelector('#glance main') as HTMLElement | null)?.inert ?? null,
      // Its links can be tapped: the tap is kept for the app.
      nav: document.querySelector('#glance nav')?.closest('[inert]') === null,
    });
    w.__glance = null;
    w.__app = null;
    new MutationObserver(() => {
      if (!w.__glance && document.querySelector('#glance main h1')) w.__glance = snapshot();
      if (!w.__app && !document.getElementById('glance') && !document.getElementById('skeleton') && document.querySelector('main h1'))
        w.__app = snapshot();
    }).observe(document, { childList: true, subtree: true });
  });
}

async function stored(page: Page) {
  return page.evaluate(() => localStorage.getItem('coffee-chat/glance'));
}

async function aReturningPerson(page: Page) {
  await page.clock.setFixedTime(WEDNESDAY);
  await watchTheStart(page);
  await openApp(page);
  await replaceWithBackup(page, aBusyWeek());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect.poll(() => stored(page)).toContain('Café Olimpico');
}

test('a returning person sees Today before the records are read, exactly as the app then draws it', async ({ page }) => {
  await aReturningPerson(page);
  const glance = JSON.parse((await stored(page))!);
  // Only what Today shows: the five oldest due, the people they name and a
  // second contact's colleague, the booked chat without what was typed.
  expect(glance.followups.map((f: { id: string }) => f.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5']);
  expect(glance.people.map((p: { name: string }) => p.name)).toEqual(['Ana Silva', 'Ben Okafor', 'Dev Patel']);
  expect(glance.chats[0].research).toBe('');
  expect(glance.counts).toEqual({ done_chats: 0, due: 7, overdue: 7 });

  await page.reload();
  await waitForApp(page);
  const [seen, app] = await page.evaluate(() => [(window as any).__glance, (window as any).__app]);
  expect(seen, 'Today was drawn from its glance').not.toBeNull();
  expect(seen.today, 'Today is there to look at, not to tap').toBe(true);
  expect(seen.nav, 'the navigation is not inert').toBe(true);
  expect(seen.text).toContain('Ana Silva');
  expect(seen.text).toContain('7 due today or overdue (7 overdue)');
  expect(seen.text).toContain('The 5 oldest are shown here; 2 more wait in the queue.');
  expect(app.text).toBe(seen.text);
  expect(app.boxes).toEqual(seen.boxes);
  expect(await layoutShifts(page)).toEqual([]);

  // The app, not the glance, answers the first tap.
  const due = page.getByRole('region', { name: 'Follow-ups due' });
  await due.getByRole('button', { name: 'Done' }).first().click();
  await expect(due).toContainText('6 due today or overdue (6 overdue)');
  await expect.poll(async () => JSON.parse((await stored(page))!).counts.due).toBe(6);
});

test('a glance the records moved past is put right by them, and one from another day is not used', async ({ page, context }) => {
  await aReturningPerson(page);
  // As if the records changed where the glance could not follow: another
  // program, or a version of the app before glances.
  await page.evaluate(() => {
    const key = 'coffee-chat/followup/f1';
    localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), status: 'done' }));
  });
  await page.reload();
  await waitForApp(page);
  expect(await page.evaluate(() => (window as any).__glance.text)).toContain('7 due');
  await expect(page.getByRole('region', { name: 'Follow-ups due' })).toContainText('6 due today or overdue (6 overdue)');
  await expect.poll(async () => JSON.parse((await stored(page))!).counts.due).toBe(6);

  // The next morning, in a fresh tab: Today is read from the records, not
  // from yesterday's glance.
  await page.close();
  const tomorrow = await context.newPage();
  await tomorrow.clock.setFixedTime(new Date('2026-12-03T07:00:00-05:00'));
  await watchTheStart(tomorrow);
  await openApp(tomorrow);
  expect(await tomorrow.evaluate(() => (window as any).__glance)).toBeNull();
  await expect(tomorrow.getByRole('region', { name: 'Next chat' })).toContainText('Ana Silva');

  // No one left: nothing of theirs stays behind to be drawn.
  await replaceWithBackup(tomorrow, backupOf({}));
  await expect.poll(() => stored(tomorrow)).toBeNull();
});

test('a tap on the navigation before the records are read opens that screen in the app, without loading the page again', async ({ page }) => {
  await aReturningPerson(page);
  // The tap comes the moment Today is drawn from its glance, before the
  // app is there to follow it. Once: the page it would load must not tap.
  await page.addInitScript(() => {
    if (sessionStorage.getItem('tapped')) return;
    new MutationObserver((_, observer) => {
      const people = document.querySelector<HTMLAnchorElement>('#glance nav a[href="/people"]');
      if (!people) return;
      observer.disconnect();
      sessionStorage.setItem('tapped', 'yes');
      (window as any).__tappedHere = true;
      people.click();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
  await expect(page).toHaveURL(/\/people$/);
  expect(await page.evaluate(() => (window as any).__tappedHere), 'the page that was tapped, not a new load').toBe(true);
  expect(await page.evaluate(() => (window as any).__glance), 'the tap came while Today was drawn from its glance').not.toBeNull();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
});
