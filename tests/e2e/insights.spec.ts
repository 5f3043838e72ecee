import { expect, test, type Page } from '@playwright/test';
import {
  addPerson,
  backupOf,
  expectNoSeriousA11yViolations,
  numberedPeople,
  openApp,
  replaceWithBackup,
  WRITTEN_AT,
} from './helpers';

test.use({ timezoneId: 'America/Toronto', permissions: ['clipboard-read', 'clipboard-write'] });

const SHARED = 'What does a typical day look like for you?';

/** Plans a chat with the shared question, meets, answers and debriefs. */
async function meet(page: Page, answer: string, takeaways: string, advice: string) {
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  await page.getByRole('button', { name: `Add: ${SHARED}` }).click();
  await page.getByRole('link', { name: 'Back to the chat' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.getByRole('region', { name: 'Current question' }).getByRole('button', { name: 'Mark asked' }).click();
  await page.locator('details.answer summary').click();
  await page.getByLabel('Answer note').fill(answer);
  await page.getByRole('button', { name: 'End meeting' }).click();
  const debrief = page.getByRole('region', { name: 'Debrief' });
  await debrief.getByLabel('Takeaways').fill(takeaways);
  await debrief.getByLabel('Advice to act on').fill(advice);
}

test('three chats side by side: shared answers, recurring words, the referral chain, and an export', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00-05:00'));
  await openApp(page, '/insights');
  // Before two chats are done, the screen says what will appear and why.
  await expect(page.getByRole('heading', { name: 'More appears after two chats' })).toBeVisible();
  await expect(page.getByText('You have 0 done chats.')).toBeVisible();

  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Organisation').fill('Shopify');
  await page.getByLabel('Tags').fill('mentor');
  await meet(page, 'Stand-ups, then SQL all afternoon.', 'Learn SQL before Python.', 'Join the Open Data meetup.');
  await addPerson(page, 'Ben Okafor', 'Ana Silva');
  await page.getByLabel('Organisation').fill('shopify');
  await meet(page, 'Mostly workshops with clients.', 'Mentorship matters more than courses.', 'Go to the open data meetups.');
  await addPerson(page, 'Chloé Roy', 'Ben Okafor');
  await page.getByLabel('Organisation').fill('Wealthsimple');
  await meet(page, 'Réunions le matin, analyse l’après-midi.', 'Find a mentorship program.', 'Practise SQL every week.');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'More appears after two chats' })).toHaveCount(0);

  // By question: the three answers, side by side, each linked to its chat.
  const question = page.getByRole('article').filter({ hasText: SHARED });
  await expect(question.getByRole('listitem')).toHaveCount(3);
  await expect(question.getByRole('listitem').nth(0)).toContainText('Ana Silva, Mon 30 Nov 2026');
  await expect(question.getByRole('listitem').nth(0)).toContainText('Stand-ups, then SQL all afternoon.');
  await expect(question.getByRole('listitem').nth(2)).toContainText('Réunions le matin');
  await question.getByRole('link', { name: 'Ben Okafor' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chat with Ben Okafor' })).toBeVisible();
  await page.goBack();

  // Takeaways and advice: newest first, filtered and searched.
  const sections = page.getByRole('navigation', { name: 'Insights sections' });
  await sections.getByRole('link', { name: 'Advice' }).click();
  await expect(sections.getByRole('link', { name: 'Advice' })).toHaveAttribute('aria-current', 'page');
  const debriefs = page.locator('.debriefs > li');
  await expect(debriefs).toHaveCount(3);
  await page.getByLabel('Organisation').selectOption('Shopify');
  await expect(debriefs).toHaveCount(2);
  await page.getByLabel('Tag').selectOption('mentor');
  await expect(debriefs).toHaveCount(1);
  await expect(debriefs).toContainText('Join the Open Data meetup.');
  await page.getByLabel('Organisation').selectOption('');
  await page.getByLabel('Tag').selectOption('');
  await page.getByLabel('Search takeaways and advice').fill('MENTORSHIP');
  await expect(debriefs).toHaveCount(2);
  await expect(page.getByRole('status').first()).toHaveText('2 chats with takeaways or advice');
  await page.getByLabel('Search takeaways and advice').fill('');

  // Worked out once and kept between visits, but never older than the chats.
  await debriefs.getByRole('link', { name: 'Ben Okafor' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await page
    .getByRole('region', { name: 'Debrief' })
    .getByLabel('Advice to act on')
    .fill('Go to the open data meetups. Ask about the data team.');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await sections.getByRole('link', { name: 'Advice' }).click();
  await expect(debriefs.filter({ hasText: 'Ben Okafor' })).toContainText('Ask about the data team.');

  // Recurring words: counted across people, with who said them and where.
  await sections.getByRole('link', { name: 'Words' }).click();
  const meetup = page.getByRole('button', { name: 'open data · Ana Silva, Ben Okafor · 2 passages', exact: true });
  await expect(meetup).toHaveAttribute('aria-expanded', 'false');
  await meetup.click();
  await expect(meetup).toHaveAttribute('aria-expanded', 'true');
  const passages = page.locator('.passages > li');
  await expect(passages).toHaveCount(2);
  // Newest first, each with who, where and the sentence itself.
  await expect(passages.nth(0)).toContainText('Ben Okafor, Mon 30 Nov 2026 · Advice');
  await expect(passages.nth(0)).toContainText('Go to the open data meetups');
  await expect(passages.nth(1)).toContainText('Join the Open Data meetup');
  // Ana wrote SQL twice; two people said it, in three passages.
  await expect(page.getByRole('button', { name: 'sql · Ana Silva, Chloé Roy · 3 passages', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'mentorship · Ben Okafor, Chloé Roy · 2 passages', exact: true })).toBeVisible();

  // The network: the chain, who introduced whom, organisations, the funnel.
  await sections.getByRole('link', { name: 'Network' }).click();
  await expect(page.locator('.chains li')).toHaveText(['Ana Silva → Ben Okafor → Chloé Roy']);
  await expect(page.getByText('Ana Silva introduced 1 person: 1 became a chat, 1 met.')).toBeVisible();
  const shopify = page.locator('.organisations > li').filter({ hasText: 'Shopify' });
  await expect(shopify).toContainText('You have met someone here');
  await expect(shopify.getByRole('link')).toHaveText(['Ana Silva', 'Ben Okafor']);
  await expect(page.locator('.funnel')).toContainText('Done3');

  // Share: the chosen sections, read back from the clipboard.
  await expect(page.getByRole('checkbox', { name: 'Your network' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'Questions asked of several people' }).check();
  await page.getByRole('radio', { name: 'Plain text' }).check();
  await page.getByRole('button', { name: 'Copy insights' }).click();
  await expect(page.getByText('Copied.')).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^Coffee Chat insights\n=+\n\nQuestions asked of several people\n-+\n/);
  expect(text).toContain(`${SHARED}\n- Ana Silva, Mon 30 Nov 2026: Stand-ups, then SQL all afternoon.`);
  expect(text).toContain('- Ana Silva → Ben Okafor → Chloé Roy');
  expect(text).not.toContain('Takeaways and advice');
  expect(text).not.toContain('#');

  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  for (const name of ['Questions', 'Advice', 'Words', 'Network']) {
    await sections.getByRole('link', { name }).click();
    await expectNoSeriousA11yViolations(page);
  }
});

test('prepare marks a bank question already asked of the same person', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00-05:00'));
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await meet(page, 'Stand-ups.', 'SQL first.', 'Meetups.');
  await page.getByRole('link', { name: 'Back to the chat' }).click();
  await page.getByRole('link', { name: /^About Ana Silva/ }).click();
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  const bank = page.getByRole('region', { name: 'Question bank' });
  await bank.getByLabel('Search the bank').fill('typical day');
  await expect(bank.locator('.question-row')).toContainText('asked them already, Mon 30 Nov 2026');
  await bank.getByLabel('Search the bank').fill('line of work');
  await expect(bank.locator('.question-row')).not.toContainText('asked them already');
});

test('a long list of shared questions opens with three and grows as it is scrolled or asked', async ({ page }) => {
  await openApp(page);
  // Twelve questions, each asked of the same two people in done chats,
  // with answers long enough that three cards fill two screens.
  const detail = ' Most of the week goes to reviews, planning and talking to clients.'.repeat(6);
  const questions = Array.from({ length: 12 }, (_, i) => ({
    id: `q${i}`,
    category: 'own',
    text: `Question number ${i + 1}?`,
    asked: true,
    answer: `Answer ${i + 1}.${detail}`,
  }));
  const chats = ['p000', 'p001'].map((person_id, i) => ({
    id: `c${i}`,
    person_id,
    history: [
      { stage: 'idea', at: WRITTEN_AT },
      { stage: 'done', at: WRITTEN_AT },
    ],
    questions,
    created_at: WRITTEN_AT,
    updated_at: WRITTEN_AT,
  }));
  await replaceWithBackup(page, backupOf({ people: numberedPeople(2), chats }));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  const cards = page.locator('.question-card');
  await expect(cards).toHaveCount(3);
  const more = page.getByRole('button', { name: 'Show 9 more questions (of 9 left)' });
  await expect(more).toBeAttached();
  // Scrolling down to the end of the three shows the rest without a tap.
  await more.scrollIntoViewIfNeeded();
  await expect(cards).toHaveCount(12);
  await expect(page.getByRole('button', { name: /^Show \d+ more questions/ })).toHaveCount(0);
  await expect(cards.filter({ hasText: 'Question number 9?' })).toContainText('Answer 9.');

  // The button does it too, without scrolling.
  await page.reload();
  await expect(cards).toHaveCount(3);
  await page.getByRole('button', { name: 'Show 9 more questions (of 9 left)' }).dispatchEvent('click');
  await expect(cards).toHaveCount(12);
});
