import { expect, test, type Page } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

async function bookedChat(page: Page, name: string) {
  await addPerson(page, name);
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  // Tomorrow morning, so that it is still the next chat when Today is checked.
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Date and time').fill(`${tomorrow}T08:30`);
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Video' });
  await page.getByLabel('Video link').fill('https://meet.example.com/abc');
  await page.getByRole('button', { name: 'Mark as booked' }).click();
  await expect(page.locator('.page-head .stage')).toHaveText('Booked');
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Prepare: chat with ${name}` })).toBeVisible();
}

const planned = (page: Page) => page.locator('ol.questions .question-text');

test('prepare a booked chat: goal, research, checklist and an ordered set of questions', async ({ page }) => {
  await openApp(page);
  await bookedChat(page, 'Ana Silva');
  await page.getByLabel('What I want to learn').fill('How policy analysts move into data roles');
  await page.getByLabel('Research notes').fill('Team of 12; published the transit report in May.');

  const checklist = page.getByRole('region', { name: 'Checklist' });
  await expect(checklist).toContainText('0 of 13 ready');
  // What is done at the table is a reminder for the meeting, not a box to tick tonight.
  await expect(checklist.getByText('Offer to pay for their coffee')).toBeVisible();
  await expect(checklist.getByRole('checkbox', { name: 'Offer to pay for their coffee' })).toHaveCount(0);
  await checklist.getByLabel("Read the organisation's website").check();
  // By keyboard: ticking keeps the focus where it is.
  const phone = checklist.getByRole('checkbox', { name: 'Phone charged' });
  await phone.focus();
  await page.keyboard.press('Space');
  await expect(phone).toBeChecked();
  await expect(phone).toBeFocused();
  await checklist.getByLabel('Add an item for this chat').fill('Print the transit report');
  await checklist.getByRole('button', { name: 'Add item' }).click();
  await expect(checklist.getByLabel('Add an item for this chat')).toHaveValue('');
  await checklist.getByRole('checkbox', { name: 'Print the transit report' }).check();
  await expect(checklist).toContainText('3 of 14 ready');

  const guidance = page.locator('.guidance');
  await expect(guidance).toHaveText('Prepare at least three questions (0 so far).');
  const bank = page.getByRole('region', { name: 'Question bank' });
  await bank.getByLabel('Show category').selectOption({ label: 'Trends' });
  await bank.getByRole('button', { name: 'Add: What is changing most in your field right now?' }).click();
  await bank.getByRole('button', { name: 'Add: Which skills are becoming more valuable here?' }).click();
  await expect(bank.getByRole('button', { name: 'Added: What is changing most in your field right now?' })).toBeDisabled();
  await bank.getByLabel('Show category').selectOption({ label: 'Career path' });
  await bank.getByRole('button', { name: 'Add: How did you get into this line of work?' }).click();
  await bank.getByLabel('Show category').selectOption({ label: 'All categories' });
  await bank.getByLabel('Search the bank').fill('typical day');
  await expect(bank.locator('.question-row')).toHaveCount(1);
  await bank.getByRole('button', { name: 'Add: What does a typical day look like for you?' }).click();
  await bank.getByLabel('Search the bank').fill('');
  await bank.getByRole('button', { name: 'Add: Where do people in your role usually go next?' }).click();
  await expect(guidance).toHaveText('5 questions. About 5 fit 10 minutes, one every two minutes.');

  // An own question that breaks a rule is flagged, with the reason, but not blocked.
  const own = page.getByLabel('Write your own question');
  await own.fill('Is your team hiring this spring?');
  await expect(page.getByText('Best left out: Asking for a job.')).toBeVisible();
  await own.fill('Which of your projects taught you the most?');
  await expect(page.getByText(/Best left out/)).toHaveCount(0);
  await page.getByLabel('Also save it to my question bank').check();
  await page.getByRole('button', { name: 'Add question' }).click();
  await expect(guidance).toHaveText(
    '6 questions: more than the 5 or so that fit 10 minutes. Put the most important first.',
  );
  await expect(bank.getByText('Which of your projects taught you the most?')).toBeVisible();

  // Reorder: the own question to the top, the first down one place.
  for (let i = 0; i < 5; i++) {
    await page.getByRole('button', { name: 'Move up: Which of your projects taught you the most?' }).click();
  }
  await expect(page.getByRole('button', { name: 'Move up: Which of your projects taught you the most?' })).toBeDisabled();
  await page.getByRole('button', { name: 'Move down: What is changing most in your field right now?' }).click();
  await page.getByRole('button', { name: 'Remove: Where do people in your role usually go next?' }).click();
  const expected = [
    'Which of your projects taught you the mostMy own',
    'Which skills are becoming more valuable here?Trends',
    'What is changing most in your field right now?Trends',
    'How did you get into this line of work?Career path',
    'What does a typical day look like for you?Day-to-day',
  ].map((t) => t.replace('mostMy', 'most?My'));
  await expect(planned(page)).toHaveText(expected);

  await page.reload();
  await waitForApp(page);
  await expect(planned(page)).toHaveText(expected);
  await expect(page.getByLabel('What I want to learn')).toHaveValue('How policy analysts move into data roles');
  await expect(page.getByLabel('Research notes')).toHaveValue('Team of 12; published the transit report in May.');
  await expect(page.getByRole('region', { name: 'Checklist' })).toContainText('3 of 14 ready');
  await expect(page.getByRole('checkbox', { name: 'Print the transit report' })).toBeChecked();
  await expect(page.getByLabel('Phone charged')).toBeChecked();
  await expect(page.getByLabel('Business cards')).not.toBeChecked();

  // The saved question is in the bank for the next chat too.
  await openApp(page, '/');
  await expect(page.getByRole('region', { name: 'Next chat' })).toContainText('Prep: checklist 3 of 14 ready, 5 questions');
  await expectNoSeriousA11yViolations(page);
});

test('editing the checklist template changes new chats, never existing ones', async ({ page }) => {
  await openApp(page);
  await bookedChat(page, 'Ana Silva');
  const firstChat = page.url();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const template = page.getByRole('region', { name: 'Checklist for new chats' });
  await template.getByLabel('Logistics item 3').fill('Phone charged and on silent');
  await template.getByRole('button', { name: 'Remove: No perfume or cologne: many Canadian workplaces are scent-free' }).click();
  await template.getByLabel('New item').fill('Bring a printed list of questions');
  await template.getByLabel('Group').selectOption({ label: 'Questions' });
  await template.getByRole('button', { name: 'Add to checklist' }).click();
  await template.getByRole('button', { name: 'Move up: Bring a printed list of questions' }).click();
  await expect(template.getByLabel('Questions item 2')).toHaveValue('Bring a printed list of questions');
  await page.reload();
  await waitForApp(page);
  await expect(template.getByLabel('Logistics item 3')).toHaveValue('Phone charged and on silent');

  await page.goto(firstChat);
  await waitForApp(page);
  await expect(page.getByLabel('Phone charged', { exact: true })).toBeVisible();
  await expect(page.getByLabel('No perfume or cologne: many Canadian workplaces are scent-free')).toBeVisible();
  await expect(page.getByLabel('Bring a printed list of questions')).toHaveCount(0);

  await bookedChat(page, 'Ben Okafor');
  await expect(page.getByLabel('Phone charged and on silent')).toBeVisible();
  await expect(page.getByLabel('No perfume or cologne: many Canadian workplaces are scent-free')).toHaveCount(0);
  await expect(page.getByLabel('Bring a printed list of questions')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Checklist' })).toContainText('0 of 13 ready');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Restore the built-in checklist' }).click();
  await expect(template.getByLabel('Logistics item 3')).toHaveValue('Phone charged');
});

test('the Prepare screen passes axe in both themes', async ({ page }) => {
  await openApp(page);
  await bookedChat(page, 'Ana Silva');
  await page.getByLabel('Write your own question').fill('How much do you make?');
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
});

test('a question half typed for a chat goes with its person, and Undo brings it back', async ({ page }) => {
  await openApp(page);
  await bookedChat(page, 'Ana Silva');
  const prepare = page.url();
  await page.getByLabel('Write your own question').fill('What surprised you most in your first year?');
  const drafts = () => page.evaluate(() => Object.values(JSON.parse(localStorage.getItem('coffee-chat/settings')!).drafts ?? {}));
  await expect.poll(drafts).toEqual(['What surprised you most in your first year?']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: /Ana Silva/ }).click();
  await page.getByRole('button', { name: 'Delete person' }).click();
  await expect(page.getByText('Deleted Ana Silva.')).toBeVisible();
  await expect.poll(drafts).toEqual([]);

  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect.poll(drafts).toEqual(['What surprised you most in your first year?']);
  await page.goto(prepare);
  await expect(page.getByLabel('Write your own question')).toHaveValue('What surprised you most in your first year?');
});
