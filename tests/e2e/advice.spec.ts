import { expect, test } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

test.use({ timezoneId: 'America/Toronto' });

test('newcomers find questions on credentials and Canadian experience, and the scent-free reminder', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  const bank = page.getByRole('region', { name: 'Question bank' });
  await bank.getByLabel('Show category').selectOption({ label: 'New to Canada' });
  await expect(bank.locator('.question-text').first()).toContainText('New to Canada');
  await expect(bank.getByRole('button', { name: 'Add: How do people get foreign credentials recognised in this field?' })).toBeVisible();
  await expect(bank.getByRole('button', { name: 'Add: How can I gain Canadian experience in this field?' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Checklist' })).toContainText(
    'No perfume or cologne: many Canadian workplaces are scent-free',
  );
});

test('after a no: a kind word and who to ask next, from the same organisation or introducer', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Rita Gomez');
  await addPerson(page, 'Ana Silva', 'Rita Gomez');
  await page.getByLabel('Organisation').fill('Shopify');
  await addPerson(page, 'Ben Okafor');
  await page.getByLabel('Organisation').fill('shopify');
  await addPerson(page, 'Cleo Martin', 'Rita Gomez');
  await addPerson(page, 'Dev Patel');
  await page.getByLabel('Organisation').fill('Wealthsimple');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: /Ana Silva/ }).click();
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  await expect(page.locator('.page-head .stage')).toHaveText('Asked');
  await page.getByRole('button', { name: 'Mark as declined' }).click();
  const next = page.getByRole('region', { name: 'Who to ask next' });
  await expect(next).toContainText('A no is about their time, not about you.');
  await expect(next.getByRole('link')).toHaveText(['Ben Okafor', 'Cleo Martin', 'Add someone else to ask']);

  await page.getByRole('button', { name: 'Mark as no reply' }).click();
  await expect(next).toContainText('No reply usually means a full inbox or a quiet no, not rudeness.');
  await next.getByRole('link', { name: 'Add someone else to ask' }).click();
  await page.getByLabel('Name').fill('Eve Tran');
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByLabel('Organisation')).toHaveValue('Shopify');
});

test('keeping in touch asks what to share and comes back every three months', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-30T10:00:00-05:00'));
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.getByRole('button', { name: 'End meeting' }).click();

  // Three months on, the keep-in-touch item is due.
  await page.clock.setFixedTime(new Date('2027-03-01T10:00:00-05:00'));
  await page.goto('/queue');
  const item = page.locator('.followup').filter({ hasText: 'Keep in touch with Ana Silva' });
  await item.getByRole('button', { name: 'Write the message' }).click();
  const share = item.getByLabel('What you could share: an article, or news of your progress (optional)');
  await share.fill('I finished the SQL course you suggested');
  await expect(item.getByRole('textbox', { name: 'Message', exact: true })).toHaveValue(
    /say hello and share some news: I finished the SQL course you suggested\. I hope/,
  );
  await item.getByRole('button', { name: 'Mark done: Keep in touch with Ana Silva' }).click();
  await expect(page.locator('.followup').filter({ hasText: 'Keep in touch with Ana Silva' })).toContainText(
    'Due Tue 1 Jun 2027',
  );
});

test('a pitch in Settings and a "why them" slot shape the request, and the pitch shows during small talk', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByLabel('Your name').fill('Sam Lee');
  await page.getByLabel('Field you are exploring').fill('data analysis');
  await page.getByLabel('One line about your background').fill('a policy intern with an economics degree');
  await addPerson(page, 'Ben Okafor');
  await page.getByLabel('Role').fill('analyst');
  await page.getByRole('button', { name: 'Plan a chat' }).click();

  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  const checks = page.getByRole('list', { name: 'Message checks' });
  await expect(message).toHaveValue(/About me: a policy intern with an economics degree, exploring data analysis\./);
  // A cold request with nothing specific about them is flagged.
  await expect(checks.getByRole('listitem').filter({ hasText: 'Says why them' })).toContainText('Not met:');
  await page.getByLabel(/^Why them/).fill('talk on transit data at Civic Tech');
  await expect(message).toHaveValue(/^Hi Ben,\n\nI came across your talk on transit data at Civic Tech\./);
  await expect(checks.getByRole('listitem').filter({ hasText: 'Says why them' })).toContainText('Met:');
  // One line about yourself is fine: the balance check passes.
  await expect(checks.getByRole('listitem').filter({ hasText: 'More about them than about you' })).toContainText('Met:');

  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByText('Your pitch: a policy intern with an economics degree, exploring data analysis.')).toBeVisible();
});

test('the missing messages: an introduction, a booking reply and questions by email, each linted and kept', async ({
  page,
}) => {
  await openApp(page, '/settings');
  await page.getByLabel('Your name').fill('Sam Lee');
  await page.getByLabel('Field you are exploring').fill('urban planning');
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Email').fill('ana@example.com');
  await addPerson(page, 'Ben Okafor', 'Ana Silva');
  await page.getByLabel('Email').fill('ben@example.com');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  const chatUrl = page.url();

  const choice = page.getByRole('group', { name: 'Which message' });
  const message = page.getByRole('textbox', { name: 'Message', exact: true });
  const subject = page.getByRole('textbox', { name: 'Subject', exact: true });
  const checks = page.getByRole('list', { name: 'Message checks' });
  const stored = (field: string) =>
    page.evaluate((field) => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('coffee-chat/chat/'))!;
      return JSON.parse(localStorage.getItem(key)!)[field] as string;
    }, field);

  // Before asking Ben: ask Ana, who knows both, to connect them.
  await expect(choice.getByRole('radio')).toHaveCount(2);
  await expect(choice.getByRole('radio', { name: 'Request to meet' })).toBeChecked();
  await choice.getByRole('radio', { name: 'Ask Ana to introduce you' }).check();
  await expect(page.getByText('Ana knows you both.')).toBeVisible();
  await expect(subject).toHaveValue('Would you introduce me to Ben?');
  await expect(message).toHaveValue(/^Hi Ana,\n\nI would love to hear about Ben Okafor’s work as I explore urban planning\./);
  await expect(message).toHaveValue(/Would you be comfortable connecting us\?/);
  await expect(checks.getByText('Not met:')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Send by email' })).toHaveAttribute(
    'href',
    /^mailto:ana@example\.com\?subject=Would%20you%20introduce%20me%20to%20Ben%3F/,
  );
  await message.press('Control+End');
  await message.pressSequentially(' Thanks, Ana!');
  await expect.poll(() => stored('introduction')).toMatch(/Thanks, Ana!$/);
  await page.reload();
  await waitForApp(page);
  await choice.getByRole('radio', { name: 'Ask Ana to introduce you' }).check();
  await expect(message).toHaveValue(/Thanks, Ana!$/);
  // The request to Ben is a draft of its own, untouched.
  await choice.getByRole('radio', { name: 'Request to meet' }).check();
  await expect(message).toHaveValue(/^Hi Ben,\n\nAna Silva suggested I contact you\./);

  // A planned question goes into the written version.
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  await page.getByLabel('Write your own question').fill('How did planning change after the pandemic?');
  await page.getByRole('button', { name: 'Add question' }).click();
  await page.goto(chatUrl);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();

  // Ben says yes: thank him and leave the when, where and how to him.
  await expect(choice.getByRole('radio')).toHaveCount(3);
  await expect(choice.getByRole('radio', { name: 'Follow-up' })).toBeChecked();
  await choice.getByRole('radio', { name: 'Reply to book a time' }).check();
  await expect(subject).toHaveValue('Thank you! When and where suits you?');
  await expect(message).toHaveValue(/^Hi Ben,\n\nThank you for agreeing to talk\./);
  await expect(message).toHaveValue(/The day, the time and the place are yours to choose/);
  await expect(message).toHaveValue(/a phone or video call suits me just as well/);
  await expect(message).toHaveValue(/any day in the next two to four weeks/);
  await expect(checks.getByText('Not met:')).toHaveCount(0);
  await message.press('Control+End');
  await message.pressSequentially(' PS: Tuesdays are easiest for me.');
  await expect(checks.getByText('Not met:')).toHaveCount(0);

  // Or Ben is too busy: a few questions by email instead.
  await choice.getByRole('radio', { name: 'Questions by email instead' }).check();
  await expect(subject).toHaveValue('A few questions, if a meeting is too much');
  await expect(message).toHaveValue(/Would you be willing to answer one question by email instead/);
  await expect(message).toHaveValue(/\n\n1\. How did planning change after the pandemic\?\n\n/);
  await expect(checks.getByText('Not met:')).toHaveCount(0);
  await expect(checks).toContainText('Under 120 words');
  await message.press('Control+End');
  await message.pressSequentially(' Is your team hiring?');
  await expect(checks.getByRole('listitem').filter({ hasText: 'No ask for a job' })).toContainText('Not met:');

  await expect.poll(() => stored('booking_reply')).toMatch(/Tuesdays are easiest for me\.$/);
  await expect.poll(() => stored('questions_email')).toMatch(/Is your team hiring\?$/);
  await page.reload();
  await waitForApp(page);
  await choice.getByRole('radio', { name: 'Reply to book a time' }).check();
  await expect(message).toHaveValue(/Tuesdays are easiest for me\.$/);
  await choice.getByRole('radio', { name: 'Questions by email instead' }).check();
  await expect(message).toHaveValue(/Is your team hiring\?$/);
  await choice.getByRole('radio', { name: 'Follow-up' }).check();
  await expect(message).toHaveValue(/^Hi Ben,\n\nA quick follow-up on my note/);

  // Declined because busy: the written version is still offered.
  await page.getByRole('button', { name: 'Mark as declined' }).click();
  await expect(page.getByRole('heading', { name: 'Messages' })).toBeVisible();
  await expect(choice).toHaveCount(0);
  await expect(message).toHaveValue(/Is your team hiring\?$/);
  await expectNoSeriousA11yViolations(page);
});
