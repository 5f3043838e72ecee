import { expect, test } from '@playwright/test';
import { addPerson, expectNoSeriousA11yViolations, openApp } from './helpers';

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen passes axe with no serious or critical violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page);
    await expectNoSeriousA11yViolations(page); // Today, empty
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    await expectNoSeriousA11yViolations(page); // People, empty
    await page.getByRole('link', { name: 'Add person' }).click();
    await page.getByRole('button', { name: 'Add person' }).click(); // with its error message
    await expectNoSeriousA11yViolations(page);
    await addPerson(page, 'Ana Silva');
    await page.getByLabel('LinkedIn address').fill('not a link');
    await expectNoSeriousA11yViolations(page); // Person, with an invalid field
    await page.getByRole('button', { name: 'Delete person' }).click();
    await expectNoSeriousA11yViolations(page); // People, with the undo toast
    await page.getByRole('button', { name: 'Undo delete' }).click();
    await expectNoSeriousA11yViolations(page); // People, with a row
    for (const screen of ['Today', 'Queue', 'Insights', 'Settings']) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
    }
  });
}

test('at 360 px every control is at least 44 px tall and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Email').fill('ana@example.com');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  const chat = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Mark as asked today' }).first().click();
  const person = await page.getByRole('link', { name: 'About Ana Silva' }).getAttribute('href');
  const insights = ['questions', 'advice', 'words', 'network'].map((s) => `/insights?section=${s}`);
  for (const path of ['/', '/people', '/people/new', person!, chat, '/queue', ...insights, '/settings']) {
    await openApp(page, path);
    const small = await page.evaluate(() =>
      [...document.querySelectorAll('main a, main button, main input, main select, main textarea, nav a')]
        // A checkbox or a radio button is tapped through its label.
        .map((el) => (el.matches('input[type=checkbox], input[type=radio]') ? el.closest('label') ?? el : el))
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height < 44)
        .map(({ el }) => el.outerHTML.slice(0, 80)),
    );
    expect(small, path).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: /Ana Silva/ }).click();
  await expect(page.getByRole('link', { name: 'Email ana@example.com' })).toBeVisible();
});

test('the active screen is marked in the bottom navigation and the page title', async ({ page }) => {
  await openApp(page, '/queue');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Queue' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Today' })).not.toHaveAttribute('aria-current', 'page');
  await expect(page).toHaveTitle('Queue · Coffee Chat');
});
