import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Opens a screen and waits until the app (not the static skeleton) shows. */
export async function openApp(page: Page, path = '/') {
  await page.goto(path);
  await waitForApp(page);
}

export async function waitForApp(page: Page) {
  // Generous: a busy 2-core machine can take a while to compile the wasm.
  // Neither the static first screen nor Today drawn from its glance.
  await expect(page.locator('#skeleton, #glance')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Records every layout shift of each visit, from the first paint on, with
 * what moved and from where to where; see [`layoutShifts`]. */
export async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const shifts: string[] = [];
    (window as any).__shifts = shifts;
    const describe = (node: any) =>
      !node ? '(gone)' : node.nodeType === 1 ? node.outerHTML.slice(0, 100) : `text "${node.textContent.slice(0, 40)}"`;
    const rect = (r: DOMRectReadOnly) => `${r.x},${r.y} ${r.width}x${r.height}`;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) {
        const moved = entry.sources.map((s: any) => `${describe(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`);
        shifts.push(`${entry.value} at ${Math.round(entry.startTime)} ms: ${moved.join('; ')}`);
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** The layout shifts of this visit so far, described: none is the goal. */
export const layoutShifts = (page: Page): Promise<string[]> => page.evaluate(() => (window as any).__shifts);

/** Adds a person through the UI and lands on their screen. */
export async function addPerson(page: Page, name: string, introducedBy?: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Add person' }).click();
  await page.getByLabel('Name').fill(name);
  if (introducedBy) {
    // Reached from the keyboard, the menu lists everyone.
    const menu = page.getByLabel('Introduced by');
    await menu.focus();
    await menu.selectOption({ label: introducedBy });
  }
  await page.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

/** When the records in the tests' backup files were written. */
/** Every kind of follow-up the app stores, for fixtures that show them all. */
export const FOLLOW_UP_KINDS = ['second_contact', 'reply_nudge', 'thank_you', 'connect', 'contact_referral', 'share_update', 'keep_in_touch', 'ask_for_referral', 'custom'];

export const WRITTEN_AT = '2026-01-05T10:00:00Z';

/** `count` people, "Person 000" (id p000) onwards, each with `extra(i)`. */
export function numberedPeople(count: number, extra: (i: number) => object = () => ({})) {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${String(i).padStart(3, '0')}`,
    name: `Person ${String(i).padStart(3, '0')}`,
    created_at: WRITTEN_AT,
    updated_at: WRITTEN_AT,
    ...extra(i),
  }));
}

/** A backup file's JSON holding these records and nothing else. */
export function backupOf({ people = [], chats = [] }: { people?: object[]; chats?: object[] }) {
  return { app: 'coffee-chat', schema: 1, exported_at: WRITTEN_AT, people, chats, followups: [], settings: {} };
}

/** Replaces everything stored with `backup` (the backup file's JSON), the
 * way a person does it in Settings. */
export async function replaceWithBackup(page: Page, backup: object, words = ENGLISH_IMPORT) {
  await page.getByRole('navigation', { name: words.nav }).getByRole('link', { name: words.settings }).click();
  const section = page.getByRole('region', { name: words.backup });
  await section.getByLabel(words.importFile).setInputFiles({
    name: 'backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  await page.getByRole('button', { name: words.replace }).click();
  await expect(section.getByRole('alert')).toContainText(words.imported);
}

/** The words of an import, in each language, for `replaceWithBackup`. */
export const ENGLISH_IMPORT = {
  nav: 'Main',
  settings: 'Settings',
  backup: 'Backup',
  importFile: 'Import a backup',
  replace: 'Replace everything with the backup',
  imported: 'Imported',
};
export const FRENCH_IMPORT = {
  nav: 'Principale',
  settings: 'Réglages',
  backup: 'Sauvegarde',
  importFile: 'Importer une sauvegarde',
  replace: 'Tout remplacer par la sauvegarde',
  imported: 'Importé',
};

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

/** Fills the origin's localStorage with data of another app, leaving
 * `leaveFree` characters of room. */
export async function fillStorage(page: Page, leaveFree = 0) {
  await page.evaluate((free) => {
    let chunk = 'x'.repeat(512 * 1024);
    let n = 0;
    while (chunk.length > 8) {
      try {
        localStorage.setItem(`filler/${n++}`, chunk);
      } catch {
        chunk = chunk.slice(chunk.length / 2);
      }
    }
    // Give back `free` characters: remove fillers until that much is free,
    // then put back what was freed beyond it.
    let freed = 0;
    for (let i = n; i >= 0 && freed < free; i--) {
      const value = localStorage.getItem(`filler/${i}`);
      if (value !== null) {
        freed += value.length + `filler/${i}`.length;
        localStorage.removeItem(`filler/${i}`);
      }
    }
    if (freed > free + 16) localStorage.setItem('filler/pad', 'x'.repeat(freed - free - 10));
  }, leaveFree);
}

/** Removes what `fillStorage` put in. */
export async function emptyFiller(page: Page) {
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler/')) localStorage.removeItem(key);
  });
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
