import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addPerson, expectNoSeriousA11yViolations, openApp, replaceWithBackup, waitForApp } from './helpers';

test.use({ timezoneId: 'America/Toronto', permissions: ['clipboard-read', 'clipboard-write'] });

const MONDAY = new Date('2026-11-30T10:00:00-05:00');

/** Ana's chat, finished today with two people suggested. */
async function finishedChat(page: Page) {
  await page.clock.setFixedTime(MONDAY);
  await openApp(page, '/settings');
  await page.getByLabel('Your name').fill('Sam Lee');
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Email').fill('ana@example.com');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.getByRole('button', { name: 'End meeting' }).click();
  const debrief = page.getByRole('region', { name: 'Debrief' });
  await debrief.getByLabel('Takeaways').fill('Learn SQL before Python.\nThe Open Data meetup is worth it.');
  for (const name of ['Dev Patel', 'Mei Chen']) {
    await debrief.getByLabel('Name of someone they suggested').fill(name);
    await debrief.getByRole('button', { name: 'Add referral' }).click();
    await expect(debrief.getByRole('link', { name })).toBeVisible();
  }
}

const section = (page: Page, name: RegExp) => page.getByRole('region', { name });

test('a finished chat fills the queue; snooze, send, skip, a week later, and calendar export', async ({ page }) => {
  await finishedChat(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  await expect(page.locator('.followup')).toHaveCount(5);
  const thisWeek = section(page, /^This week/);
  const later = section(page, /^Later/);
  await expect(thisWeek.locator('.followup')).toHaveText([
    /Send a thank-you to Ana Silva.*Due Tue 1 Dec 2026 · chat today/,
    /Contact Dev Patel, whom Ana Silva suggested.*Due Wed 2 Dec 2026/,
    /Contact Mei Chen, whom Ana Silva suggested.*Due Wed 2 Dec 2026/,
  ]);
  await expect(later.locator('.followup')).toHaveText([
    /Tell Ana Silva how their advice worked out.*Due Mon 14 Dec 2026/,
    /Keep in touch with Ana Silva.*Due Sun 28 Feb 2027/,
  ]);

  // Snooze Mei a week: it moves to Later.
  const mei = page.locator('.followup').filter({ hasText: 'Contact Mei Chen' });
  await mei.getByText('Note and snooze').click();
  await page.getByRole('button', { name: 'Next week: snooze Contact Mei Chen, whom Ana Silva suggested' }).click();
  await expect(later.locator('.followup').first()).toContainText('Snoozed until Mon 7 Dec 2026');

  // The thank-you, written from a takeaway, sent through the clipboard.
  const thanks = thisWeek.locator('.followup').filter({ hasText: 'Send a thank-you' });
  await thanks.getByRole('button', { name: 'Write the message' }).click();
  // Nothing from the notes is quoted until the person picks it.
  const body = thanks.getByRole('textbox', { name: 'Message', exact: true });
  await expect(body).not.toHaveValue(/“/);
  await thanks.getByLabel('Thank them for').selectOption({ label: 'The Open Data meetup is worth it.' });
  await expect(body).toHaveValue(
    /^Hi Ana,\n\nThank you for taking the time to talk with me\. Your point, “The Open Data meetup is worth it”, has stayed with me/,
  );
  // ...and reworded in their own words before it goes out.
  const point = thanks.getByLabel('What you took away, in your words (optional)');
  await expect(point).toHaveValue('The Open Data meetup is worth it.');
  await point.fill('going to the Open Data meetup');
  await expect(body).toHaveValue(/Your point, “going to the Open Data meetup”, has stayed with me/);
  // Left half written, it is there after a reload, open where it was.
  await page.reload();
  await waitForApp(page);
  await expect(point).toHaveValue('going to the Open Data meetup');
  await expect(body).toHaveValue(/Your point, “going to the Open Data meetup”, has stayed with me/);
  await thanks.getByRole('button', { name: 'Copy message' }).click();
  await expect(page.getByText('Send a thank-you to Ana Silva')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('Sam Lee');

  await page.getByRole('button', { name: 'Skip: Contact Dev Patel, whom Ana Silva suggested' }).click();
  // Typed key by key: the list must not be rebuilt under the cursor.
  await page.locator('.followup').filter({ hasText: 'Keep in touch with' }).getByText('Note and snooze').click();
  await page.getByLabel('Note on: Keep in touch with Ana Silva').pressSequentially('Send the transit report when it is out');
  await expect(page.getByLabel('Note on: Keep in touch with Ana Silva')).toHaveValue('Send the transit report when it is out');
  await expect(page.locator('.followup')).toHaveCount(3);
  // An item with a note opens with it showing, controls and all.
  await page.reload();
  await waitForApp(page);
  await expect(page.getByLabel('Note on: Keep in touch with Ana Silva')).toHaveValue('Send the transit report when it is out');
  await expect(page.getByRole('button', { name: 'Next week: snooze Keep in touch with Ana Silva' })).toBeVisible();

  // A week later Mei is overdue, on Today and on the badge too.
  await page.clock.setFixedTime(new Date('2026-12-08T09:00:00-05:00'));
  await page.reload();
  await waitForApp(page);
  await expect(section(page, /^Overdue/).locator('.followup')).toHaveText([/Contact Mei Chen.*Snoozed until Mon 7 Dec 2026/]);
  await expect(page.getByLabel('Note on: Keep in touch with Ana Silva')).toHaveValue('Send the transit report when it is out');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Queue\W+1 due$/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
  await expect(page.getByText('1 due today or overdue (1 overdue)')).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Queue/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export to calendar (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('coffee-chat-follow-ups.ics');
  const ics = readFileSync(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
  expect(ics).toContain('SUMMARY:Contact the person they suggested: Mei Chen\r\n');
  expect(ics).toContain('DTSTART;VALUE=DATE:20261207\r\n');
  expect(ics).toContain('DTSTART;VALUE=DATE:20270228\r\n');
  expect(ics).toContain('DESCRIPTION:Send the transit report when it is out\r\n');
  expect(ics).toMatch(/UID:followup-[a-z0-9]+-keep-in-touch@coffee-chat\.local\r\n/);

  // Done items stay in the person's history.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: /Ana Silva/ }).click();
  const history = page.locator('.followups').last();
  await expect(history).toContainText('Send a thank-you to Ana Silva');
  await expect(history).toContainText('Done · was due Tue 1 Dec 2026');
});

test('a follow-up of your own, and the queue passes axe', async ({ page }) => {
  await finishedChat(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
  const add = page.getByRole('region', { name: 'Add a follow-up' });
  await add.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(add.getByRole('alert')).toHaveText('Choose who it is about.');
  // Everyone is listed once the menu is tapped, not with the queue.
  const who = add.getByLabel('Who');
  await expect(who.locator('option')).toHaveCount(1);
  await who.click();
  await who.selectOption({ label: 'Dev Patel' });
  await add.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(add.getByRole('alert')).toContainText('Say what to do');
  await add.getByLabel('What to do').fill('Send Dev the meetup link');
  await add.getByLabel('Due').fill('2026-12-03');
  await add.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(section(page, /^This week/)).toContainText('Send Dev the meetup link (Dev Patel)');
  await expect(page.locator('.followup')).toHaveCount(6);
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});

test('Today shows the five oldest due items and leaves the rest to the queue', async ({ page }) => {
  await finishedChat(page);
  await addPerson(page, 'Ben Okafor');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.getByRole('button', { name: 'End meeting' }).click();

  await page.clock.setFixedTime(new Date('2027-06-01T10:00:00-04:00'));
  await openApp(page, '/');
  const due = page.getByRole('region', { name: 'Follow-ups due' });
  await expect(due).toContainText('8 due today or overdue (8 overdue)');
  await expect(due.locator('.followup')).toHaveCount(5);
  await expect(due.locator('.followup').first()).toContainText('Send a thank-you to Ana Silva');
  await expect(due).toContainText('The 5 oldest are shown here; 3 more wait in the queue.');
  await due.getByRole('link', { name: 'Open the queue' }).click();
  await expect(page.locator('.followup')).toHaveCount(8);
});

test('a long queue shows ten per group and the rest on request', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-12-02T10:00:00-05:00'));
  await openApp(page);
  const at = '2026-11-01T10:00:00Z';
  const item = (n: number, due: string) => ({
    id: `f${String(n).padStart(3, '0')}`,
    kind: 'custom',
    person_id: 'p1',
    due,
    status: 'open',
    title: `Task ${String(n).padStart(3, '0')}`,
    created_at: at,
    updated_at: at,
  });
  const followups = [
    ...Array.from({ length: 45 }, (_, n) => item(n, `2026-11-${String(1 + (n % 28)).padStart(2, '0')}`)),
    ...Array.from({ length: 3 }, (_, n) => item(100 + n, '2027-01-15')),
  ];
  const backup = {
    app: 'coffee-chat',
    schema: 1,
    exported_at: at,
    people: [{ id: 'p1', name: 'Ana Silva', created_at: at, updated_at: at }],
    chats: [],
    followups,
    settings: {},
  };
  await replaceWithBackup(page, backup);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Queue/ }).click();
  const overdue = page.getByRole('region', { name: 'Overdue (45)' });
  await expect(overdue.locator('.followup')).toHaveCount(10);
  for (const [more, hidden] of [[10, 35], [10, 25], [10, 15], [5, 5]]) {
    await overdue.getByRole('button', { name: `Show ${more} more of ${hidden} in Overdue` }).click();
    await expect(overdue.locator('.followup')).toHaveCount(45 - hidden + more);
  }
  await expect(overdue.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Later (3)' }).locator('.followup')).toHaveCount(3);
  // Marking one done keeps what was opened.
  await overdue.locator('.followup').first().getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'Overdue (44)' }).locator('.followup')).toHaveCount(44);
});
