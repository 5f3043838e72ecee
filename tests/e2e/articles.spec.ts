import { expect, test, type Page } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

// The articles' advice the app once missed, at a phone's size: a no during
// a hiring competition, questions that mix the work, the organisation and
// the person, the closing line one article suggests, and the cold call.

test.use({ timezoneId: 'America/Toronto' });

/** From a person's screen: a chat asked today and declined. */
async function declineAChat(page: Page) {
  await page.getByRole('button', { name: /^(Plan a chat|Planifier une rencontre)$/ }).click();
  await page.getByRole('button', { name: /^(Mark as asked today|Marquer comme demandée aujourd’hui)$/ }).first().click();
  await page.getByRole('button', { name: /^(Mark as declined|Marquer comme refusée)$/ }).click();
}

test('a no during a hiring competition: its own advice, a reminder six weeks out, kept through a reload', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-25T10:00:00-05:00'));
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await declineAChat(page);
  const next = page.getByRole('region', { name: 'Who to ask next' });
  await expect(next).toContainText('A no is about their time, not about you.');
  await expect(next.getByRole('button', { name: 'Remind me in six weeks' })).toBeHidden();

  const box = next.getByRole('checkbox', { name: 'They mentioned a hiring competition under way' });
  await box.check();
  // Only the advice is redrawn: the box keeps the focus.
  await expect(box).toBeFocused();
  await expect(next).toContainText('Ask someone on the same team who is not on the hiring panel');
  await expect(next).toContainText('or write to them again once the competition has closed');
  await expect(next).not.toContainText('A no is about their time');
  await next.getByRole('button', { name: 'Remind me in six weeks' }).click();
  await expect(next.getByRole('status')).toHaveText('A reminder is in the queue for Wed 6 Jan 2027.');
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'light' });

  await page.reload();
  await waitForApp(page);
  await expect(box).toBeChecked();
  await expect(next.getByRole('status')).toHaveText('A reminder is in the queue for Wed 6 Jan 2027.');
  // Pressed again, it keeps the one reminder.
  await next.getByRole('button', { name: 'Remind me in six weeks' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Queue/ }).click();
  await expect(page.locator('.followup').filter({ hasText: 'Write again now the competition has closed (Ana Silva)' })).toHaveCount(1);

  // Unticked, the usual advice comes back.
  await page.goBack();
  await waitForApp(page);
  await box.uncheck();
  await expect(next).toContainText('A no is about their time, not about you.');
});

test('planning counts questions on the work, the organisation and this person, and says what to add', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Organisation').fill('Hydro-Québec');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  const mine = page.getByRole('region', { name: 'My questions' });
  const line = mine.locator('.question-mix');
  const bank = page.getByRole('region', { name: 'Question bank' });
  await bank.getByRole('button', { name: 'Add: What does a typical day look like for you?' }).click();
  await expect(line).toContainText('1 about the work, 0 about the organisation, 0 written for this person.');
  await expect(line).toContainText('Add one about the organisation: its culture, its benefits, why people stay or leave.');
  await expect(line).toContainText('Write one only this person can answer, from your research');

  // Benefits, turnover and the latest hires, as one article lists them.
  await bank.getByLabel('Show category').selectOption({ label: 'Culture' });
  for (const question of [
    'Which benefits do people here value most?',
    'What is turnover like here, and why do people leave?',
    'What backgrounds did the two most recent people hired here come from?',
  ]) {
    await bank.getByRole('button', { name: `Add: ${question}` }).click();
  }
  await expect(line).toContainText('1 about the work, 3 about the organisation, 0 written for this person.');
  await expect(line).not.toContainText('Add one about the organisation');

  // One of their own, naming the organisation without its accent.
  await page.getByLabel('Write your own question').fill('What changed at Hydro-Quebec after the reorganisation you wrote about?');
  await page.getByRole('button', { name: 'Add question' }).click();
  await expect(line).toContainText('1 about the work, 4 about the organisation, 1 written for this person.');
  await expect(line).not.toContainText('Write one only this person can answer');
  await expectNoSeriousA11yViolations(page);
});

test('the closing line one article suggests is flagged with the reason, and a résumé glance at the meeting is not', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  const own = page.getByLabel('Write your own question');
  const warning = page.locator('.notice-warning');
  await own.fill('Is your team hiring right now?');
  await expect(warning).toContainText('Best left out: Asking for a job.');
  await own.fill('If you feel comfortable, and with no commitment at all, would you look at my résumé?');
  await expect(warning).toHaveCount(0);
  await own.fill("I'm open to internship or job opportunities; feel free to contact me if you think I'd be a good candidate.");
  await expect(warning.first()).toContainText('Best left out: Saying you are open to offers.');
  await expect(warning.first()).toContainText(
    'One guide ends the meeting with “I’m open to opportunities, feel free to contact me”',
  );

  // In a first message, the same résumé glance is flagged, and why.
  await page.getByRole('link', { name: 'Back to the chat' }).click();
  const message = page.getByLabel('Message', { exact: true });
  await message.fill('Hi Ana,\n\nYour talk on transit stayed with me. Would you look over my résumé?\n\nThanks,\nSam');
  const check = page.locator('.check').filter({ hasText: 'No ask for a job' });
  await expect(check).toContainText('Not met:');
  await expect(check).toContainText('Near the end of a good meeting, with no commitment, it is a fair question');
});

test('a request or a question no rule flags is flagged by the learned scorer, which names the words that weighed most', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  const message = page.getByLabel('Message', { exact: true });
  await message.fill("Hi Ana,\n\nYour talk on transit stayed with me. I would love to do my residency at your clinic.\n\nThanks,\nSam");
  const check = page.locator('.check').filter({ hasText: 'No ask for a job' });
  await expect(check).toContainText('Not met:');
  // The words named are the message's own, never a small word such as "your".
  await expect(check).toContainText(/its wording is close to the asks Coffee Chat has learned to recognise \(a job, a referral, pay, what a quick search answers\); the words that weigh most: (\p{L}+, )*(residency|clinic)\b/u);
  await expect(check).not.toContainText(/weigh most: [^.]*\byour\b/);
  await message.fill('Hi Ana,\n\nYour talk on transit stayed with me. Could you tell me how you came to plan bus routes?\n\nThanks,\nSam');
  await expect(check).not.toContainText('Not met:');

  // A request written in French is read by the French weights.
  await message.fill("Bonjour Ana,\n\nVotre conférence sur le transport m'a marquée. Votre labo aurait-il du financement pour une assistante de recherche cet automne?\n\nMerci,\nSam");
  await expect(check).toContainText('Not met:');
  await expect(check).toContainText(/the words that weigh most: [^.]*(assistante|automne)/);
  await expectNoSeriousA11yViolations(page);

  // A meeting question is read too, with its own threshold.
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  const own = page.getByLabel('Write your own question');
  const warning = page.locator('.notice-warning');
  await own.fill('Could your clinic take a student nurse this summer?');
  await expect(warning).toContainText('Best left out: Wording close to an ask to leave out.');
  await expect(warning).toContainText(/the words that weigh most: [^.]*\b(clinic|nurse|summer)\b/);
  await own.fill('What does a good first month look like at your studio?');
  await expect(warning).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test('the meeting reply leaves two to four weeks open, and calling cold comes with its tip', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ben Okafor');
  await page.getByLabel('Phone').fill('613 555 0100');
  const call = page.getByRole('link', { name: 'Call 613 555 0100' });
  await expect(call).toHaveAccessibleDescription(
    'Calling to ask for a chat? If no one answers, leave no voicemail: call again at another time of day.',
  );
  await expectNoSeriousA11yViolations(page);
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  await page.getByRole('radio', { name: 'Reply to book a time' }).check();
  const message = page.getByLabel('Message', { exact: true });
  await expect(message).toHaveValue(/Would about 10 minutes, any day in the next two to four weeks, work for you\?/);
  await expect(message).not.toHaveValue(/means a lot/);
});

test.describe('in French', () => {
  test.use({ locale: 'fr-CA' });

  test('the same advice, in words a Québec reader would write', async ({ page }) => {
    await page.clock.setFixedTime(new Date('2026-11-25T10:00:00-05:00'));
    await page.goto('/');
    await expect(page.locator('#skeleton')).toHaveCount(0, { timeout: 30_000 });
    await page.getByRole('link', { name: 'Ajouter une première personne' }).click();
    await page.getByLabel('Nom', { exact: true }).fill('Chloé Roy');
    await page.getByRole('button', { name: 'Ajouter une personne' }).click();
    await declineAChat(page);
    const next = page.getByRole('region', { name: 'À qui écrire ensuite' });
    await next.getByRole('checkbox', { name: 'Un concours de recrutement en cours a été mentionné' }).check();
    await expect(next).toContainText('qui ne siège pas au comité de sélection');
    await next.getByRole('button', { name: 'Me le rappeler dans six semaines' }).click();
    await expect(next.getByRole('status')).toHaveText('Un rappel vous attend dans la file le mer. 6 janv. 2027.');
    await expectNoSeriousA11yViolations(page);

    await page.getByRole('link', { name: 'Préparer cette rencontre' }).click();
    const bank = page.getByRole('region', { name: 'Banque de questions' });
    const search = bank.getByLabel('Chercher dans la banque');
    await search.fill('avantages sociaux');
    await bank.getByRole('button', { name: 'Ajouter : Quels avantages sociaux les gens d’ici apprécient-ils le plus ?' }).click();
    const line = page.getByRole('region', { name: 'Mes questions' }).locator('.question-mix');
    await expect(line).toContainText('0 sur le travail, 1 sur l’organisation, 0 écrite pour cette personne.');
    await expect(line).toContainText('Ajoutez-en une sur le travail lui-même');
    // « Poste », not « rôle », for a job.
    await search.fill('surprise');
    await expect(bank).toContainText('Quelle a été votre plus grande surprise dans ce poste ?');
    await expect(page.getByRole('region', { name: 'Liste de préparation' })).toContainText('Pendant la rencontre');
    await expectNoSeriousA11yViolations(page);
  });
});
