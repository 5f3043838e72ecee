import { expect, test, type Page } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

test.use({ timezoneId: 'America/Toronto' });

const digits = (page: Page) => page.getByRole('timer');

/** A chat with Ana with three questions, on its meeting screen, with the
 * clock paused at 08:30 and vibrations recorded. */
async function meeting(page: Page) {
  await page.clock.install({ time: new Date('2026-12-04T08:20:00-05:00') });
  await page.addInitScript(() => {
    (window as any).__vibrations = [];
    navigator.vibrate = (pattern: VibratePattern) => {
      (window as any).__vibrations.push(Array.isArray(pattern) ? [...pattern] : [pattern]);
      return true;
    };
    // Headless Chromium grants no wake lock; record what the app asks for.
    (window as any).__wakeLocks = { requested: 0, released: 0 };
    Object.defineProperty(navigator, 'wakeLock', {
      value: {
        request: async () => {
          (window as any).__wakeLocks.requested++;
          const lock = new EventTarget() as any;
          lock.release = async () => {
            (window as any).__wakeLocks.released++;
          };
          return lock;
        },
      },
    });
  });
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  await page.getByLabel('What I want to learn').fill('How analysts move into data roles');
  for (const q of [
    'What does a typical day look like for you?',
    'How did you get into this line of work?',
    'Who else would be good for me to talk to?',
  ]) {
    await page.getByRole('button', { name: `Add: ${q}` }).click();
  }
  await page.getByRole('link', { name: 'Back to the chat' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await expect(page.getByRole('heading', { name: 'Meeting Ana Silva' })).toBeVisible();
  await page.clock.pauseAt(new Date('2026-12-04T08:30:00-05:00'));
}

const vibrations = (page: Page) => page.evaluate(() => (window as any).__vibrations as number[][]);

test('a drift-free phase timer with silent cues, through reloads and a hidden page', async ({ page }) => {
  await meeting(page);
  await expect(digits(page)).toHaveText('10:00');
  // The goal and what to do at the table are in sight.
  await expect(page.getByText('Goal: How analysts move into data roles')).toBeVisible();
  await expect(page.getByRole('region', { name: 'At the table' }).getByRole('listitem')).toHaveText([
    'Offer to pay for their coffee',
    'Keep to the length you agreed; ask before running over',
    'No job ask, and no résumé unless they ask for it',
    'Ask who else to talk to, and whether you may use their name',
  ]);
  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.locator('.phase-label')).toHaveText('Small talk');
  await expect(page.getByText('Small talk: follow their lead; ask before taking notes.')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as any).__wakeLocks.requested)).toBe(1);

  await page.clock.runFor('01:00');
  await expect(page.locator('.phase-label')).toHaveText('Questions');
  await page.clock.runFor('07:00');
  await expect(digits(page)).toHaveText('02:00');
  await expect(page.locator('.phase-label')).toHaveText('Close');
  await expect(
    page.getByText('Wrap up: thank them for their time; name the career you are exploring; ask who else to talk to; offer help.'),
  ).toBeVisible();
  await expect(page.locator('.meet')).toHaveClass(/phase-close/);
  expect(await vibrations(page)).toEqual([[200], [200]]);

  await page.clock.runFor('02:30');
  await expect(digits(page)).toHaveText('+00:30');
  await expect(page.getByText("Time's up. Ask whether they are fine to go on")).toBeVisible();
  expect((await vibrations(page)).at(-1)).toEqual([400, 200, 400]);

  // A reload mid-meeting finds the timer still running, at the right time.
  await page.reload();
  await waitForApp(page);
  await expect(digits(page)).toHaveText('+00:30');
  await page.clock.runFor('00:10');
  await expect(digits(page)).toHaveText('+00:40');
  expect(await vibrations(page)).toEqual([]); // nothing buzzes on load

  // Five minutes hidden, with no timers firing: no drift when it returns.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward('05:00');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.runFor(500);
  await expect(digits(page)).toHaveText('+05:40');

  // +5 minutes brings the countdown back; pause stops it.
  await page.getByRole('button', { name: '+5 min: add five minutes' }).click();
  await page.clock.runFor(500);
  await expect(digits(page)).toHaveText('+00:41');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).__wakeLocks.released)).toBe(1);
  await page.clock.runFor('03:00');
  await expect(digits(page)).toHaveText('+00:41');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.clock.runFor('00:20');
  await expect(digits(page)).toHaveText('+01:01');
});

test('questions at a glance, notes that survive an instant reload, and the debrief', async ({ page }) => {
  await meeting(page);
  await page.getByRole('button', { name: 'Start timer' }).click();
  const question = page.getByRole('region', { name: 'Current question' });
  await expect(question).toContainText('1 of 3');
  await expect(question.locator('.question-big')).toHaveText('What does a typical day look like for you?');
  await question.getByRole('button', { name: 'Mark asked' }).click();
  await expect(question.getByRole('button', { name: 'Asked ✓' })).toHaveAttribute('aria-pressed', 'true');
  await expect(question.getByRole('button', { name: 'Asked ✓' })).toBeFocused();
  await question.getByRole('button', { name: 'Next question' }).click();
  await expect(question).toContainText('2 of 3');

  // A swipe to the left moves on, to the right moves back.
  const box = (await question.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 20, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 20, y, { steps: 5 });
  await page.mouse.up();
  await expect(question).toContainText('3 of 3');
  await expect(question.getByRole('button', { name: 'Next question' })).toBeDisabled();
  await question.getByRole('button', { name: 'Previous question' }).click();
  await question.getByRole('button', { name: 'Previous question' }).click();
  await expect(question.getByRole('button', { name: 'Asked ✓' })).toBeVisible();

  await page.locator('details.answer summary').click();
  // Typed key by key across a save: the box must stay under the cursor.
  const answer = page.getByLabel('Answer note');
  await answer.pressSequentially('Mostly meetings in the morning, ');
  await page.clock.runFor(500);
  await answer.pressSequentially('analysis after lunch.');
  await expect(answer).toBeFocused();
  await expect(answer).toHaveValue('Mostly meetings in the morning, analysis after lunch.');

  // Typed, then reloaded at once: every character is still there.
  await page.clock.runFor('04:12');
  const note = page.getByLabel('Note', { exact: true });
  await note.pressSequentially('Runs the transit data team; hiring freeze until spring');
  await page.reload();
  await waitForApp(page);
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('Runs the transit data team; hiring freeze until spring');
  await page.locator('details.answer summary').click();
  await expect(page.getByLabel('Answer note')).toHaveValue('Mostly meetings in the morning, analysis after lunch.');
  await expect(question).toContainText('1 of 3');

  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('');
  const saved = page.getByLabel('Note at 04:12', { exact: true });
  await expect(saved).toHaveValue('Runs the transit data team; hiring freeze until spring');
  await saved.fill('Runs the transit data team');
  await page.clock.runFor(1000);

  await page.clock.runFor('08:00');
  await page.getByRole('button', { name: 'End meeting' }).click();
  const debrief = page.getByRole('region', { name: 'Debrief' });
  await expect(debrief).toContainText('Met Fri 4 Dec 2026, 08:30 to 08:42: 12 minutes, 2 over the plan.');
  await debrief.getByLabel('Takeaways').fill('Learn SQL before Python; join the Open Data meetup.');
  await debrief.getByLabel('Name of someone they suggested').fill('Dev Patel');
  await debrief.getByRole('button', { name: 'Add referral' }).click();
  await expect(debrief.getByRole('link', { name: 'Dev Patel' })).toBeVisible();
  await page.reload();
  await waitForApp(page);
  await expect(page.getByLabel('Takeaways')).toHaveValue('Learn SQL before Python; join the Open Data meetup.');
  await expect(page.getByLabel('Note at 04:12', { exact: true })).toHaveValue('Runs the transit data team');

  await page.getByRole('link', { name: 'Back to the chat' }).click();
  await expect(page.locator('.page-head .stage')).toHaveText('Done');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('link', { name: /Dev Patel/ })).toContainText('Idea');
  await page.getByRole('link', { name: /Dev Patel/ }).click();
  await expect(page.getByText('Introduced by Ana Silva')).toBeVisible();
});

test('at 360x640 the timer, question, mark-asked and note fit without scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await meeting(page);
  await page.getByRole('button', { name: 'Start timer' }).click();
  const navTop = (await page.getByRole('navigation', { name: 'Main' }).boundingBox())!.y;
  // Checked in small talk and again in the close, with its prompt showing.
  for (const wait of ['00:10', '08:00']) {
    await page.clock.runFor(wait);
    for (const target of [
      digits(page),
      page.locator('.question-big'),
      page.getByRole('button', { name: 'Mark asked' }),
      page.getByLabel('Note', { exact: true }),
      page.getByRole('button', { name: 'Add note' }),
    ]) {
      const box = (await target.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(navTop);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  }
  // axe waits on timers of its own, so the clock runs freely from here.
  await page.clock.resume();
  await expectNoSeriousA11yViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.clock.fastForward('02:00');
  await expect(page.locator('.phase-label')).toHaveText("Time's up");
  await expectNoSeriousA11yViolations(page);
});

test('one tap covers everything but the timer, through a reload, and says so', async ({ page }) => {
  await meeting(page);
  await page.getByLabel('Note', { exact: true }).fill('Their team moved to Python last year.');
  await page.getByRole('button', { name: 'Add note' }).click();
  await page.getByRole('button', { name: 'Start timer' }).click();
  const privateWords = ['Ana Silva', 'How analysts move into data roles', 'What does a typical day look like', 'moved to Python'];
  // Everything a glance could read: the text, and what the fields hold.
  const onScreen = () =>
    page.evaluate(() =>
      [document.body.innerText, ...[...document.querySelectorAll('input, textarea')].filter((e) => (e as HTMLElement).offsetParent).map((e) => (e as HTMLInputElement).value)].join(' '),
    );
  const expectCovered = async () => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meeting');
    const shown = await onScreen();
    for (const words of privateWords) expect(shown, `"${words}" covered`).not.toContain(words);
    await expect(digits(page)).toBeVisible();
  };
  for (const words of privateWords) expect(await onScreen()).toContain(words);

  await page.getByRole('button', { name: 'Cover screen' }).click();
  // Announced to a screen reader, and nothing of theirs left to read.
  await expect(page.getByRole('status').filter({ hasText: 'Covered: only the timer shows.' })).toHaveCount(1);
  await expectCovered();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // axe waits on timers, which the paused clock holds.
  await page.clock.resume();
  await expectNoSeriousA11yViolations(page);

  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('button', { name: 'Uncover screen' })).toBeVisible();
  await expectCovered();

  await page.getByRole('button', { name: 'Uncover screen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meeting Ana Silva');
  await expect(page.getByRole('textbox', { name: /^Note at/ })).toHaveValue('Their team moved to Python last year.');
  await expect(page.getByRole('button', { name: 'Cover screen' })).toBeVisible();
});

test.describe('in French', () => {
  test.use({ locale: 'fr-CA' });
  test('the cover is offered and announced in French', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('#skeleton, #glance')).toHaveCount(0, { timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Contacts' }).click();
    await page.getByRole('link', { name: 'Ajouter une personne' }).click();
    await page.getByLabel('Nom', { exact: true }).fill('Ana Silva');
    await page.getByRole('button', { name: 'Ajouter une personne' }).click();
    await page.getByRole('button', { name: 'Planifier une rencontre' }).click();
    await page.getByRole('link', { name: 'Ouvrir l’écran de rencontre' }).click();
    await page.getByRole('button', { name: 'Masquer l’écran' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Écran masqué\u00a0: seul le minuteur reste visible.' })).toHaveCount(1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rencontre');
    await expect(page.getByText('Ana Silva')).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Réafficher l’écran' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rencontre avec Ana Silva');
  });
});
