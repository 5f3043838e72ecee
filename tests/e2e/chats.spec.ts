import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

// Friday 27 November 2026, 8 pm in Toronto: a request sent now counts
// Monday as its first business day.
const FRIDAY_EVENING = new Date('2026-11-27T20:00:00-05:00');

test.use({ timezoneId: 'America/Toronto', permissions: ['clipboard-read', 'clipboard-write'] });

async function setUp(page: Page) {
  await page.clock.setFixedTime(FRIDAY_EVENING);
  await openApp(page, '/settings');
  await page.getByLabel('Your name').fill('Sam Lee');
  await page.getByLabel('Field you are exploring').fill('urban planning');
  await addPerson(page, 'Ana Silva');
  await page.getByRole('link', { name: 'Add someone they introduced' }).click();
  await page.getByLabel('Name').fill('Ben Okafor');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.getByLabel('Role').fill('urban planner');
  await page.getByLabel('Organisation').fill('City of Toronto');
  await page.getByLabel('Email').fill('ben@example.com');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chat with Ben Okafor' })).toBeVisible();
}

const checks = (page: Page) => page.getByRole('list', { name: 'Message checks' });

test('from a referral to a booked chat: linted request, 3B7 reminders, booking, Today', async ({ page }) => {
  await setUp(page);

  // The draft is warm: the referrer comes first, the sign-off is ours.
  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(message).toHaveValue(/^Hi Ben,\n\nAna Silva suggested I contact you\./);
  await expect(message).toHaveValue(/understand urban planning from the inside/);
  await expect(message).toHaveValue(/Sam Lee$/);
  await expect(checks(page).getByText('Not met:')).toHaveCount(0);
  await expect(checks(page).getByText('Met:')).toHaveCount(5);

  // The linter reacts as the user types.
  await message.press('End');
  await message.pressSequentially(' Also, is your team hiring?');
  await expect(checks(page).getByRole('listitem').filter({ hasText: 'No ask for a job' })).toContainText(
    'Not met:',
  );
  await expect(checks(page)).toContainText('a job ask, even a hint, turns a favour into a screening');
  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(/is your team hiring\?/);
  await page.getByRole('button', { name: 'Start again from the template' }).click();
  await expect(checks(page).getByText('Not met:')).toHaveCount(0);
  // Words that only look like a job ask are left alone.
  const honest = page.getByRole('textbox', { name: 'Message', exact: true });
  await honest.press('Control+End');
  await honest.pressSequentially(' During my internship at Ontario Employment Services I read your report.');
  await expect(checks(page).getByRole('listitem').filter({ hasText: 'No ask for a job' })).toContainText('Met:');

  await expect(page.getByRole('link', { name: 'Send by email' })).toHaveAttribute(
    'href',
    /^mailto:ben@example\.com\?subject=Ana%20suggested%20I%20get%20in%20touch&body=Hi%20Ben%2C/,
  );
  await page.getByRole('button', { name: 'Copy message' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^Hi Ben,\n\nAna Silva suggested/);

  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  await expect(page.locator('.page-head .stage')).toHaveText('Asked');
  await expect(page.getByRole('list').filter({ hasText: 'Asked · Fri 27 Nov 2026' })).toBeVisible();
  const reminders = page.locator('.followup');
  await expect(reminders).toHaveCount(2);
  await expect(reminders.nth(0)).toContainText('Reach out to a second person at the same organisation');
  await expect(reminders.nth(0)).toContainText('Due Wed 2 Dec 2026');
  await expect(reminders.nth(1)).toContainText('Follow up once with Ben Okafor');
  await expect(reminders.nth(1)).toContainText('Due Tue 8 Dec 2026');

  // Nothing is due on Friday; on Wednesday the second contact is.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByText('Nothing due today.')).toBeVisible();
  await page.clock.setFixedTime(new Date('2026-12-02T09:00:00-05:00'));
  await page.reload();
  await waitForApp(page);
  const due = page.getByRole('region', { name: 'Follow-ups due' });
  await expect(due.locator('.followup')).toHaveCount(1);
  await expect(due).toContainText('Reach out to a second person at the same organisation (while waiting for Ben Okafor)');

  // Booking needs a time, a format and a place.
  await due.getByRole('link', { name: 'Open the chat' }).click();
  await page.getByRole('button', { name: 'Mark as booked' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'To book it' })).toHaveText(
    'To book it, set the date and time you agreed on.',
  );
  await page.getByLabel('Date and time').fill('2026-12-04T08:30');
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'In person' });
  await page.getByLabel('Place (café, address)').fill('Café Pamenar, Kensington Market');
  await page.getByLabel('Planned length').selectOption({ label: '15 minutes' });
  await page.getByRole('button', { name: 'Mark as booked' }).click();
  await expect(page.locator('.page-head .stage')).toHaveText('Booked');
  await expect(page.getByRole('button', { name: /^Mark done:/ })).toHaveCount(0);
  await expect(page.locator('.followup').first()).toContainText('Closed');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Add to calendar (.ics)' }).click(),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  expect(ics).toContain('SUMMARY:Coffee chat with Ben Okafor\r\n');
  // 08:30 in Toronto is 13:30 UTC; 15 minutes booked.
  expect(ics).toContain('DTSTART:20261204T133000Z\r\n');
  expect(ics).toContain('DTEND:20261204T134500Z\r\n');
  expect(ics).toContain('LOCATION:Café Pamenar\\, Kensington Market\r\n');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  const next = page.getByRole('region', { name: 'Next chat' });
  await expect(next.locator('.countdown')).toHaveText('in 2 days');
  await expect(next).toContainText('Ben Okafor');
  await expect(next).toContainText('Fri 4 Dec 2026, 08:30 · 15 minutes');
  await expect(next).toContainText('In person · Café Pamenar, Kensington Market');
  await expect(page.getByText('Nothing due today.')).toBeVisible();
  await expect(page.getByText('0 of 5 chats done in urban planning')).toBeVisible();

  await page.reload();
  await waitForApp(page);
  await expect(next.locator('.countdown')).toHaveText('in 2 days');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Stage').selectOption({ label: 'Booked' });
  await expect(page.locator('.person-name')).toHaveText(['Ben Okafor']);
  await page.getByLabel('Stage').selectOption({ label: 'Idea' });
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva']);
  await page.getByLabel('Stage').selectOption({ label: 'All stages' });
  await page.getByRole('link', { name: /Ben Okafor/ }).click();
  await expect(page.getByRole('link', { name: 'Chat · Booked · Fri 4 Dec 2026, 08:30' })).toBeVisible();
  await expect(page.getByText('Introduced by Ana Silva')).toBeVisible();
});

test('no answer after the follow-up: send it, then move on and ask someone else', async ({ page }) => {
  await setUp(page);
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  // Another person at the same organisation is offered for the second contact.
  await addPerson(page, 'Cleo Tremblay');
  await page.getByLabel('Organisation').fill('city of toronto');

  await page.clock.setFixedTime(new Date('2026-12-08T10:00:00-05:00'));
  await openApp(page, '/');
  const due = page.getByRole('region', { name: 'Follow-ups due' });
  await expect(due.locator('.followup')).toHaveCount(2);
  await expect(due.locator('.followup').first()).toContainText('Overdue since Wed 2 Dec 2026');
  await expect(due.locator('.followup').first()).toContainText('Also at City of Toronto');
  await expect(due.getByRole('link', { name: 'Cleo Tremblay' })).toBeVisible();
  await due.getByRole('button', { name: 'Skip: Reach out to a second person at the same organisation (while waiting for Ben Okafor)' }).click();
  await expect(due.locator('.followup')).toHaveCount(1);

  await due.getByRole('link', { name: 'Write the follow-up' }).click();
  const followUp = page.getByRole('textbox', { name: 'Message', exact: true });
  await expect(followUp).toHaveValue(/^Hi Ben,\n\nA quick follow-up on my note/);
  await expect(checks(page).getByText('Not met:')).toHaveCount(0);
  await page.getByRole('button', { name: 'Copy message' }).click();
  await expect(page.getByRole('heading', { name: 'Still no answer?' })).toBeVisible();
  await page.getByRole('button', { name: 'Move on: mark as no reply' }).click();
  await expect(page.locator('.page-head .stage')).toHaveText('No reply');
  await expect(page.getByRole('heading', { name: 'Still no answer?' })).toHaveCount(0);

  await openApp(page, '/');
  await expect(page.getByText('Nothing due today.')).toBeVisible();
});

test('the chat screen passes axe in both themes', async ({ page }) => {
  await setUp(page);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
  await openApp(page, '/');
  await expectNoSeriousA11yViolations(page);
});
