import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens a screen and waits until the app (not the static skeleton) shows. */
export async function openApp(page: Page, path = '/') {
  await page.goto(path);
  await waitForApp(page);
}

export async function waitForApp(page: Page) {
  // Generous: a busy 2-core machine can take a while to compile the wasm.
  await expect(page.locator('#skeleton')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Adds a person through the UI and lands on their screen. */
export async function addPerson(page: Page, name: string, introducedBy?: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Add person' }).click();
  await page.getByLabel('Name').fill(name);
  if (introducedBy) await page.getByLabel('Introduced by').selectOption({ label: introducedBy });
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** The stored Person records, read straight from localStorage. */
export async function storedPeople(page: Page): Promise<Record<string, { name: string }>> {
  return page.evaluate(() => {
    const out: Record<string, { name: string }> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith('coffee-chat/person/')) out[key] = JSON.parse(localStorage.getItem(key)!);
    }
    return out;
  });
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
