import { expect, test, type Page } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp, waitForApp } from './helpers';

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';

/** A chat with Ana and one question, on its meeting screen, the clock
 * paused at 09:30. */
async function meetingScreen(page: Page) {
  await page.clock.install({ time: new Date('2026-12-02T09:20:00-05:00') });
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  await page.getByRole('button', { name: 'Add: What does a typical day look like for you?' }).click();
  await page.getByRole('link', { name: 'Back to the chat' }).click();
  await page.getByRole('link', { name: 'Open the meeting screen' }).click();
  await expect(page.getByRole('heading', { name: 'Meeting Ana Silva' })).toBeVisible();
  await page.clock.pauseAt(new Date('2026-12-02T09:30:00-05:00'));
}

test.describe('in an iPhone Safari tab', () => {
  test.use({ userAgent: IPHONE_SAFARI });

  test('a tip explains Add to Home Screen and why, once, until closed', async ({ page }) => {
    await openApp(page);
    const tip = page.getByRole('region', { name: 'Keep your notes safe on this iPhone' });
    await expect(tip).toContainText('seven days');
    await expect(tip.getByRole('listitem')).toHaveText([
      "Tap Share (the square with an arrow) in Safari's toolbar.",
      'Choose Add to Home Screen, then Add.',
      'Open Coffee Chat from its new icon.',
    ]);
    // No browser prompt to offer on an iPhone.
    await expect(page.getByRole('button', { name: 'Install Coffee Chat' })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);

    // With people saved, it warns that the app may start empty.
    await addPerson(page, 'Ana Silva');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' }).click();
    await expect(tip).toContainText('export a backup in Settings first');

    await tip.getByRole('button', { name: 'Hide this tip' }).click();
    await expect(tip).toHaveCount(0);
    await page.reload();
    await waitForApp(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    await expect(tip).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const backup = page.getByRole('region', { name: 'Backup' });
    await expect(backup).toContainText('Not installed. In Safari, tap Share, then Add to Home Screen');
    await expect(backup).toContainText(/protected|Not yet protected/);
  });

  test('opened from the Home Screen, it shows no tip and says it is installed', async ({ page }) => {
    await page.addInitScript(() => Object.defineProperty(navigator, 'standalone', { value: true }));
    await openApp(page);
    await expect(page.getByRole('region', { name: 'Keep your notes safe on this iPhone' })).toHaveCount(0);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('region', { name: 'Backup' })).toContainText(
      'Installed: Coffee Chat opens from your home screen like an app.',
    );
  });
});

test('where Chromium offers to install, an Install button opens its prompt', async ({ page }) => {
  await openApp(page);
  const install = page.getByRole('button', { name: 'Install Coffee Chat' });
  await expect(install).toHaveCount(0);
  // What Chromium fires once the app meets its install criteria.
  await page.evaluate(() => {
    const event = new Event('beforeinstallprompt', { cancelable: true }) as any;
    (window as any).__prompted = 0;
    event.prompt = async () => {
      (window as any).__prompted++;
    };
    event.userChoice = Promise.resolve({ outcome: 'accepted' });
    window.dispatchEvent(event);
    (window as any).__defaultPrevented = event.defaultPrevented;
  });
  // On Today, for someone new, beside the first step.
  await expect(page.getByRole('region', { name: 'Learn from people who do the work' }).getByRole('button', { name: 'Install Coffee Chat' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const backup = page.getByRole('region', { name: 'Backup' });
  await expect(backup).toContainText('Not installed. Installing puts it on your home screen');
  await backup.getByRole('button', { name: 'Install Coffee Chat' }).click();
  expect(await page.evaluate(() => (window as any).__prompted)).toBe(1);
  // A prompt is good for one use.
  await expect(install).toHaveCount(0);
  await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
  await expect(backup).toContainText('Installed: Coffee Chat opens from your home screen like an app.');
});

test.describe('without vibration, as in iPhone Safari and Firefox', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      delete (Navigator.prototype as any).vibrate;
    });
  });

  test('each phase flashes the edges of the screen, and Settings says why', async ({ page }) => {
    await meetingScreen(page);
    const flash = page.locator('.phase-flash');
    await page.getByRole('button', { name: 'Start timer' }).click();
    await expect(flash).toHaveCount(0);
    await page.clock.runFor('01:00');
    await expect(page.locator('.phase-label')).toHaveText('Questions');
    await expect(flash).toHaveClass(/flash-questions/);
    await expect(flash).toBeVisible();
    const pulse = await flash.evaluate((e) => getComputedStyle(e).animationName);
    expect(pulse).toBe('phase-flash');
    await page.clock.runFor(1500);
    await expect(flash).toHaveCount(0);

    // To half a second into the close, while its flash is still on.
    await page.clock.runFor('06:59');
    await expect(page.locator('.phase-label')).toHaveText('Close');
    await expect(flash).toHaveClass(/flash-close/);
    // No flash on a reload mid-meeting, only at a change of phase.
    await page.reload();
    await waitForApp(page);
    await expect(page.locator('.phase-label')).toHaveText('Close');
    await expect(flash).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const cue = page.getByRole('checkbox', { name: 'Cue each phase of the meeting (never a sound)' });
    await expect(cue).toBeChecked();
    await expect(page.getByText('This phone cannot vibrate, so the edges of the screen flash at each phase instead.')).toBeVisible();
    // Turned off, the phases pass in silence and without a flash.
    await cue.uncheck();
    await page.goBack();
    await waitForApp(page);
    await page.clock.runFor('03:00');
    await expect(page.locator('.phase-label')).toHaveText("Time's up");
    await expect(flash).toHaveCount(0);
  });

  test('with reduced motion the flash is a steady wash of colour', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await meetingScreen(page);
    await page.getByRole('button', { name: 'Start timer' }).click();
    await page.clock.runFor('01:00');
    const flash = page.locator('.phase-flash');
    await expect(flash).toBeVisible();
    const style = await flash.evaluate((e) => {
      const s = getComputedStyle(e);
      return { animation: s.animationName, background: s.backgroundColor };
    });
    expect(style.animation).toBe('none');
    expect(style.background).not.toBe('rgba(0, 0, 0, 0)');
  });
});

test('where the phone can vibrate there is no flash, and Settings says it vibrates', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.vibrate = () => true;
  });
  await meetingScreen(page);
  await page.getByRole('button', { name: 'Start timer' }).click();
  await page.clock.runFor('01:00');
  await expect(page.locator('.phase-label')).toHaveText('Questions');
  await expect(page.locator('.phase-flash')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('The phone vibrates briefly at each phase, and twice when time is up.')).toBeVisible();
});

test.describe('the wake lock', () => {
  test('without one, the meeting screen says the screen may lock', async ({ page }) => {
    await page.addInitScript(() => {
      delete (Navigator.prototype as any).wakeLock;
    });
    await meetingScreen(page);
    const notice = page.getByText('This browser cannot keep the screen on, so it may lock.');
    await expect(notice).toHaveCount(0);
    await page.getByRole('button', { name: 'Start timer' }).click();
    await expect(notice).toBeVisible();
    // axe waits on timers of its own.
    await page.clock.resume();
    await expectNoSeriousA11yViolations(page);
    // Paused, nothing needs the screen on.
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(notice).toHaveCount(0);
  });

  test('refused, then taken back by the phone: the screen says so and offers a retry', async ({ page }) => {
    await page.addInitScript(() => {
      (window as any).__refuse = true;
      Object.defineProperty(navigator, 'wakeLock', {
        value: {
          request: async () => {
            if ((window as any).__refuse) throw new DOMException('Battery saver is on', 'NotAllowedError');
            const lock = new EventTarget() as any;
            lock.release = async () => lock.dispatchEvent(new Event('release'));
            (window as any).__lock = lock;
            return lock;
          },
        },
      });
    });
    await meetingScreen(page);
    await page.getByRole('button', { name: 'Start timer' }).click();
    const notice = page.getByText('The phone did not let Coffee Chat keep the screen on');
    await expect(notice).toBeVisible();
    await page.evaluate(() => ((window as any).__refuse = false));
    await page.getByRole('button', { name: 'Keep the screen on' }).click();
    await expect(notice).toHaveCount(0);
    // Battery saver takes it back while the meeting is in view.
    await page.evaluate(() => (window as any).__lock.dispatchEvent(new Event('release')));
    await expect(notice).toBeVisible();
    await page.getByRole('button', { name: 'Keep the screen on' }).click();
    await expect(notice).toHaveCount(0);
  });
});

test.describe('sharing into the app', () => {
  test('a shared profile page opens Add person with the name and the address', async ({ page }) => {
    await openApp(page);
    await page.goto(
      '/people/new?title=' +
        encodeURIComponent('(2) Ana Silva - Data analyst - City of Toronto | LinkedIn') +
        '&url=' +
        encodeURIComponent('https://www.linkedin.com/in/ana-silva'),
    );
    await waitForApp(page);
    await expect(page.getByLabel('Name')).toHaveValue('Ana Silva');
    await expect(page.getByLabel('Profile address')).toHaveValue('https://www.linkedin.com/in/ana-silva');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();
    await expect(page.getByLabel('LinkedIn address')).toHaveValue('https://www.linkedin.com/in/ana-silva');
  });

  test('a link inside shared text is found, and a bad address is refused with a message', async ({ page }) => {
    await openApp(page);
    await page.goto('/people/new?text=' + encodeURIComponent('Worth meeting: https://example.com/ben-okafor.'));
    await waitForApp(page);
    await expect(page.getByLabel('Name')).toHaveValue('');
    const profile = page.getByLabel('Profile address');
    await expect(profile).toHaveValue('https://example.com/ben-okafor');
    await page.getByLabel('Name').fill('Ben Okafor');
    await profile.fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByText('Use a web address starting with https:// or http://.')).toBeVisible();
    await expect(profile).toBeFocused();
    await expect(page.getByRole('heading', { level: 1, name: 'Add person' })).toBeVisible();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('/person/')).length)).toBe(0);
    await profile.fill('');
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Ben Okafor' })).toBeVisible();
  });

  test('shared text with nothing usable says so', async ({ page }) => {
    await openApp(page);
    await page.goto('/people/new?text=' + encodeURIComponent('Are you free for lunch?'));
    await waitForApp(page);
    await expect(page.getByText('Nothing in what was shared looked like a name or a web address.')).toBeVisible();
    await expect(page.getByLabel('Profile address')).toHaveCount(0);
  });
});

test.describe('on a notched phone', () => {
  test('content keeps clear of the notch in landscape, and Meet puts the timer beside the question', async ({ page }) => {
    await page.setViewportSize({ width: 844, height: 390 });
    await meetingScreen(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets: { top: 0, left: 47, right: 47, bottom: 21 } });
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    const heading = await box('main h1');
    expect(heading.x).toBeGreaterThanOrEqual(47);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const firstTab = (await nav.getByRole('link').first().boundingBox())!;
    const lastTab = (await nav.getByRole('link').last().boundingBox())!;
    expect(firstTab.x).toBeGreaterThanOrEqual(47);
    expect(lastTab.x + lastTab.width).toBeLessThanOrEqual(844 - 47);

    // Side by side: the timer on the left, the question on the right, and
    // Start timer in view without scrolling.
    const head = await box('.meet-head');
    const body = await box('.meet-body');
    expect(head.x + head.width).toBeLessThanOrEqual(body.x);
    const start = (await page.getByRole('button', { name: 'Start timer' }).boundingBox())!;
    expect(start.y + start.height).toBeLessThanOrEqual(390 - 64);
    await page.getByRole('button', { name: 'Start timer' }).click();
    await page.clock.runFor('01:00');
    await expect(page.getByRole('region', { name: 'Current question' })).toBeInViewport();
  });

  test('the notes sit apart from the note row, and the answer note looks tappable', async ({ page }) => {
    await meetingScreen(page);
    const row = (await page.locator('form.quick-note').boundingBox())!;
    const next = (await page.locator('form.quick-note + *').boundingBox())!;
    expect(next.y - (row.y + row.height)).toBeGreaterThanOrEqual(8);
    const summary = page.locator('details.answer summary');
    await expect(summary).toHaveText('Answer note');
    const look = await summary.evaluate((e) => {
      const s = getComputedStyle(e);
      return { border: s.borderTopStyle, height: e.getBoundingClientRect().height, colour: s.color };
    });
    const accent = await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.style.color = 'var(--accent)';
      document.body.append(probe);
      const colour = getComputedStyle(probe).color;
      probe.remove();
      return colour;
    });
    expect(look).toEqual({ border: 'solid', height: expect.any(Number), colour: accent });
    expect(look.height).toBeGreaterThanOrEqual(44);
    await summary.click();
    await expect(page.getByLabel('Answer note')).toBeVisible();
  });
});
