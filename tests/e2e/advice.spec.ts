import { expect, test } from '@playwright/test';
import { addPerson, openApp } from './helpers';

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
