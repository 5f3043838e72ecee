import { expect, test, type Page, type Route } from '@playwright/test';
import { addPerson, backupOf, expectNoSeriousA11yViolations, layoutShifts, numberedPeople, openApp, replaceWithBackup, waitForApp, watchLayoutShifts } from './helpers';

/** Holds every wasm request until `release` is called: the page shows what
 * it paints before the app starts. */
async function holdTheWasm(page: Page) {
  const held: Route[] = [];
  let holding = true;
  await page.route(/\.wasm$/, (route) => (holding ? held.push(route) : route.continue()));
  return async () => {
    holding = false;
    for (const route of held) await route.continue();
  };
}

/** Where the first screen's parts sit, in the skeleton or in the app. */
async function layout(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const element = [...document.querySelectorAll(selector)].find((e) => e.getClientRects().length > 0);
      if (!element) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    };
    return {
      heading: box('main h1'),
      date: box('main h1 + p.muted'),
      card: box('main section.card'),
      firstStep: box('main section.card a.button'),
      nav: box('nav.bottom-nav'),
      tab: box('nav.bottom-nav a:last-child'),
    };
  });
}

// The wasm is held back through page.route, which a service worker's
// fetches bypass.
test.use({ serviceWorkers: 'block' });

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

test.beforeEach(({ page }) => watchLayoutShifts(page));

test('someone new sees the real first screen before the app starts, and nothing moves when it does', async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto('/');
  const skeleton = page.locator('#skeleton');
  await expect(skeleton.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(skeleton.getByRole('heading', { level: 2, name: 'Learn from people who do the work' })).toBeVisible();
  await expect(skeleton.getByRole('link', { name: 'Add your first person' })).toBeVisible();
  // The app's own date line (long_date), never the browser's formatter: as
  // British English writes it, worked out here in Node, not in the page.
  const date = new Date().toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });
  expect(date).toMatch(/^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+$/);
  const painted = await skeleton.locator('.first-date').evaluate((e) => getComputedStyle(e, '::before').content);
  expect(painted).toBe(JSON.stringify(date));
  const before = await layout(page);
  const text = flat(await skeleton.locator('main').innerText());

  // The wasm is asked for only after the first paint, and not preloaded.
  await expect(page.locator('link[rel="preload"][href$=".wasm"]')).toHaveCount(0);
  await release();
  await waitForApp(page);
  const timing = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return { paint: paint?.startTime, wasm: wasm?.startTime };
  });
  expect(timing.paint).toBeDefined();
  expect(timing.wasm).toBeGreaterThanOrEqual(timing.paint!);

  // The app's first screen is the same, in the same place.
  expect(flat(await page.getByRole('main').innerText())).toBe(text.replace(/^Today /, `Today ${date} `));
  expect(await layout(page)).toEqual(before);
  await page.waitForTimeout(300);
  expect(await layoutShifts(page)).toEqual([]);
  await expectNoSeriousA11yViolations(page);
});

test('a tab keeps its icon in place while its label is still being parsed', async ({ page }) => {
  // A slow phone paints the first screen before the page is fully parsed:
  // a tab may be drawn with its icon and without its label for a frame.
  const release = await holdTheWasm(page);
  await page.goto('/');
  const moves = await page.locator('#skeleton nav a').evaluateAll((tabs) =>
    tabs.map((tab) => {
      const iconTop = () => tab.querySelector('svg')!.getBoundingClientRect().top;
      const label = tab.querySelector('span')!;
      const withLabel = iconTop();
      label.remove();
      const withoutLabel = iconTop();
      tab.append(label);
      return withoutLabel - withLabel;
    }),
  );
  expect(moves).toEqual([0, 0, 0, 0, 0]);
  await release();
});

test.describe('on a phone set to French', () => {
  test.use({ locale: 'fr-CA' });

  test('the first screen is painted in French before the app starts, and nothing moves when it does', async ({ page }) => {
    const release = await holdTheWasm(page);
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    const skeleton = page.locator('#skeleton');
    await expect(skeleton.getByRole('heading', { level: 1, name: 'Aujourd’hui' })).toBeVisible();
    await expect(skeleton.getByRole('link', { name: 'Ajouter une première personne' })).toBeVisible();
    // Both languages are in the page; only French shows, nav included.
    expect(await page.locator('body').innerText()).not.toMatch(/Today|People|Settings|Add your first/);
    // French writes the first of the month « 1er »; Node's formatter writes « 1 ».
    const date = new Date()
      .toLocaleDateString('fr-CA', { weekday: 'long', day: 'numeric', month: 'long' })
      .replace(/^(\S+) 1 /, '$1 1er ');
    expect(date).toMatch(/^[a-z]+ \d{1,2}(er)? [a-zéû]+$/);
    const painted = await skeleton.locator('.first-date').evaluate((e) => getComputedStyle(e, '::before').content);
    expect(painted).toBe(JSON.stringify(date));
    const before = await layout(page);
    const text = flat(await skeleton.locator('main').innerText());

    await release();
    await expect(skeleton).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Accueil' })).toBeVisible();
    expect(flat(await page.getByRole('main').innerText())).toBe(text.replace(/^Aujourd’hui /, `Aujourd’hui ${date} `));
    expect(await layout(page)).toEqual(before);
    await page.waitForTimeout(300);
    expect(await layoutShifts(page)).toEqual([]);
    await expectNoSeriousA11yViolations(page);
  });
});

test('a returning person with a dark theme gets it before the first paint, and Today without the welcome', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Theme').selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  const release = await holdTheWasm(page);
  await page.goto('/');
  const skeleton = page.locator('#skeleton');
  await expect(skeleton.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(27, 22, 19)');
  await expect(skeleton.getByRole('heading', { name: 'Learn from people who do the work' })).toBeHidden();
  const before = await layout(page);
  await release();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Next chat' })).toBeVisible();
  const after = await layout(page);
  expect({ heading: after.heading, date: after.date }).toEqual({ heading: before.heading, date: before.date });
  expect(await layoutShifts(page)).toEqual([]);

  // Back to the phone's theme and an empty list: the hint follows.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Theme').selectOption({ label: 'As the phone is set' });
  expect(await page.evaluate(() => localStorage.getItem('coffee-chat/first-paint'))).toBe('system returning phone');
});

test('a deep link paints a plain line, not Today, until its screen is ready', async ({ page }) => {
  const release = await holdTheWasm(page);
  await page.goto('/people');
  const skeleton = page.locator('#skeleton');
  await expect(skeleton.getByRole('heading', { level: 1, name: 'Coffee Chat' })).toBeVisible();
  await expect(skeleton.getByText('Opening your chats…')).toBeVisible();
  await expect(skeleton.getByRole('heading', { name: 'Today' })).toBeHidden();
  await release();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
});

test('a tap on the first screen while the records are read opens that screen in the app, without loading the page again', async ({ page }) => {
  await openApp(page);
  // Enough people that reading them takes many steps.
  const notes = 'Talked about the team, the tools and the hiring plans. '.repeat(60);
  await replaceWithBackup(page, backupOf({ people: numberedPeople(400, () => ({ notes })) }));
  // The tap comes in the task after the first record is read, on the static
  // first screen of a deep link, on a slow phone, so that many steps of the
  // read are still to come. Once: the page it would load must not tap.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    if (sessionStorage.getItem('tapped')) return;
    const getItem = Storage.prototype.getItem;
    let tapped = false;
    Storage.prototype.getItem = function (this: Storage, key: string) {
      if (!tapped && key.startsWith('coffee-chat/person/')) {
        tapped = true;
        sessionStorage.setItem('tapped', 'yes');
        setTimeout(() => {
          const w = window as any;
          w.__tappedHere = true;
          w.__firstScreenAtTap = document.getElementById('skeleton') !== null;
          document.querySelector<HTMLAnchorElement>('#skeleton nav a[href="/insights"]')!.click();
        });
      }
      return getItem.call(this, key);
    };
  });
  await page.goto('/people');
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page).toHaveURL(/\/insights$/);
  expect(await page.evaluate(() => (window as any).__tappedHere), 'the page that was tapped, not a new load').toBe(true);
  expect(await page.evaluate(() => (window as any).__firstScreenAtTap), 'the tap came on the first screen').toBe(true);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();
});
