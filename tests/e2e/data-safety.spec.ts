import { chromium, expect, test, type Locator, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPerson, backupOf as backupWith, emptyFiller, fillStorage, openApp, replaceWithBackup, storedPeople, waitForApp } from './helpers';

// How text is typed in the crash trials: one key every 40 ms, about the
// speed of quick thumbs, for about two seconds before the crash.
const KEY_INTERVAL_MS = 40;
const BURST_KEYS = 45;
// The promise: no more than this much typing is ever lost.
const AT_MOST_LOST_MS = 300;

/** Every key of this app's data in localStorage. */
async function stored(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    // Not data: the first-paint hint and Today's glance are drawn from the
    // records and rewritten on their own schedule (the glance up to a
    // second after a change, when the phone is idle).
    const derived = ['coffee-chat/first-paint', 'coffee-chat/glance'];
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      if (key.startsWith('coffee-chat/') && !derived.includes(key)) out[key] = localStorage.getItem(key)!;
    }
    return out;
  });
}

/** Types `keys` one at a time. */
async function typeBurst(page: Page, field: Locator, keys: string) {
  await field.click();
  await field.press('Control+End');
  for (const key of keys) {
    await page.keyboard.type(key);
    await page.waitForTimeout(KEY_INTERVAL_MS);
  }
}

/** Notes when each key reaches the page, for `keysInLastWindow`. */
function recordKeyTimes() {
  const times: number[] = [];
  (globalThis as any).__keyTimes = times;
  addEventListener('input', () => times.push(Date.now()), true);
}

/** How many keys the page received within its last `AT_MOST_LOST_MS`.
 * Counted by the page's own clock, as it ran: on a busy machine its timers
 * and the test's run late together, and the promise is about what the page
 * does with the time it gets. */
async function keysInLastWindow(page: Page) {
  return page.evaluate((window) => {
    const now = Date.now();
    return ((globalThis as any).__keyTimes as number[]).filter((t) => t > now - window).length;
  }, AT_MOST_LOST_MS);
}

type Field = {
  name: string;
  open: (page: Page) => Promise<Locator>;
  read: (storage: Record<string, string>) => string;
};

function chatField(read: (chat: Record<string, unknown>) => string) {
  return (storage: Record<string, string>) => {
    const key = Object.keys(storage).find((k) => k.startsWith('coffee-chat/chat/'))!;
    return read(JSON.parse(storage[key]));
  };
}

/** The text of the saved draft whose key `is` picks, from the settings. */
function savedDraft(storage: Record<string, string>, is: (key: string) => boolean) {
  const drafts = JSON.parse(storage['coffee-chat/settings'] ?? '{}').drafts ?? {};
  const key = Object.keys(drafts).find(is);
  return key ? drafts[key] : '';
}

/** Ana, met yesterday, and the thank-you owed to her. */
function aThankYouOwed() {
  const at = new Date(Date.now() - 86_400_000).toISOString();
  const day = at.slice(0, 10);
  return {
    ...backupWith({
      people: [{ id: 'p1', name: 'Ana Silva', email: 'ana@example.com', created_at: at, updated_at: at }],
      chats: [
        {
          id: 'c1',
          person_id: 'p1',
          history: ['idea', 'asked', 'booked', 'done'].map((stage) => ({ stage, at })),
          takeaways: 'Learn SQL first',
          created_at: at,
          updated_at: at,
        },
      ],
    }),
    followups: [{ id: 'f1', kind: 'thank_you', person_id: 'p1', chat_id: 'c1', due: day, status: 'open', title: '', created_at: at, updated_at: at }],
  };
}

/** The queue's message for the thank-you owed to Ana, opened. */
async function openTheThankYou(page: Page) {
  await openApp(page);
  await replaceWithBackup(page, aThankYouOwed());
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Queue/ }).click();
  await page.getByRole('button', { name: 'Write the message' }).click();
  return page;
}

async function planChat(page: Page) {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByRole('button', { name: 'Plan a chat' }).click();
  await expect(page).toHaveURL(/\/chats\/[^/]+$/);
  return new URL(page.url()).pathname;
}

/** One of a newly planned chat's screens, opened. */
async function openChatScreen(page: Page, screen: 'prepare' | 'meet') {
  await page.goto(`${await planChat(page)}/${screen}`);
  await waitForApp(page);
  return page;
}

const FIELDS: Field[] = [
  {
    name: 'person notes',
    open: async (page) => {
      await openApp(page);
      await addPerson(page, 'Ana Silva');
      return page.getByLabel('Notes');
    },
    read: (storage) => {
      const key = Object.keys(storage).find((k) => k.startsWith('coffee-chat/person/'))!;
      return JSON.parse(storage[key]).notes ?? '';
    },
  },
  {
    name: 'research notes on Prepare',
    open: async (page) => (await openChatScreen(page, 'prepare')).getByLabel('Research notes'),
    read: chatField((chat) => (chat.research as string) ?? ''),
  },
  {
    name: 'meeting note',
    open: async (page) => (await openChatScreen(page, 'meet')).getByLabel('Note', { exact: true }),
    read: chatField((chat) => (chat.note_draft as string) ?? ''),
  },
  {
    name: 'a new target’s name, before Add target',
    open: async (page) => {
      await openApp(page, '/targets');
      return page.getByLabel('Organisation');
    },
    read: (storage) => savedDraft(storage, (key) => key === 'new-target'),
  },
  {
    name: 'an own question on Prepare, before Add',
    open: async (page) => (await openChatScreen(page, 'prepare')).getByLabel('Write your own question'),
    read: (storage) => savedDraft(storage, (key) => key.startsWith('question-')),
  },
  {
    name: 'an own checklist item on Prepare, before Add item',
    open: async (page) => (await openChatScreen(page, 'prepare')).getByLabel('Add an item for this chat'),
    read: (storage) => savedDraft(storage, (key) => key.startsWith('checklist-')),
  },
  {
    name: 'a new person’s name, before Add person',
    open: async (page) => {
      await openApp(page, '/people/new');
      return page.getByLabel('Name', { exact: true });
    },
    read: (storage) => savedDraft(storage, (key) => key === 'new-person'),
  },
  {
    name: 'someone they suggested, in the debrief, before Add referral',
    open: async (page) => {
      await openChatScreen(page, 'meet');
      await page.getByRole('button', { name: 'Start timer' }).click();
      await page.getByRole('button', { name: 'End meeting' }).click();
      return page.getByRole('region', { name: 'Debrief' }).getByLabel('Name of someone they suggested');
    },
    read: (storage) => savedDraft(storage, (key) => key.startsWith('referral-')),
  },
  {
    name: 'a thank-you in the queue, before it is sent',
    open: async (page) => (await openTheThankYou(page)).getByLabel('Message', { exact: true }),
    read: (storage) => savedDraft(storage, (key) => key.startsWith('followup-') && key.endsWith('-body')),
  },
  {
    name: 'a thank-you’s point in one’s own words, in the queue',
    open: async (page) => (await openTheThankYou(page)).getByLabel('What you took away, in your words (optional)'),
    read: (storage) => savedDraft(storage, (key) => key.startsWith('followup-') && key.endsWith('-point')),
  },
  {
    name: 'outreach message',
    open: async (page) => {
      await planChat(page);
      return page.getByLabel('Message', { exact: true });
    },
    read: chatField((chat) => (chat.request as string) ?? ''),
  },
];

const figures: string[] = [];
test.afterAll(() => {
  if (figures.length) console.log(`\nCrash trials (key every ${KEY_INTERVAL_MS} ms):\n${figures.join('\n')}`);
});

for (const field of FIELDS) {
  test(`a renderer crash mid-burst loses at most ${AT_MOST_LOST_MS} ms of typing: ${field.name}`, async ({ context }) => {
    await context.addInitScript(recordKeyTimes);
    for (let trial = 1; trial <= 3; trial++) {
      const page = await context.newPage();
      const box = await field.open(page);
      const before = await box.inputValue();
      const typed = `trial ${trial}: ` + 'the quick brown fox jumps over '.repeat(3).slice(0, BURST_KEYS - 10);
      await typeBurst(page, box, typed);
      const allowed = await keysInLastWindow(page);
      const cdp = await context.newCDPSession(page);
      cdp.send('Page.crash').catch(() => {});
      await page.waitForEvent('crash');

      const reader = await context.newPage();
      await reader.goto('/people');
      const whole = field.read(await stored(reader));
      // What was typed in this burst, after the text already in the box.
      const saved = whole.startsWith(before) ? whole.slice(before.length) : whole.trim() === before.trim() ? '' : whole;
      expect(typed.startsWith(saved.trimEnd()), `saved text is a prefix of the typed text: ${saved}`).toBe(true);
      const lost = typed.length - saved.length;
      figures.push(`  ${field.name}, trial ${trial}: typed ${typed.length}, lost ${lost} (allowed ${allowed})`);
      expect(lost).toBeLessThanOrEqual(allowed);
      // The next trial starts from a clean slate.
      await reader.evaluate(() => localStorage.clear());
      await reader.close();
    }
  });
}

// A phone freezes a background tab and may then discard it without
// another event: whatever was typed before the freeze must be stored by
// then. Typed as fast as the keyboard goes, frozen at once, then the
// renderer is killed, so no timer and no `pagehide` can save it later.
// Chromium here ignores `Page.setWebLifecycleState` for a page it shows
// (no `freeze` event, timers run on), so the test also fires the event the
// browser fires when it freezes a page.
const FREEZE_FIELDS: Field[] = [
  ...FIELDS,
  {
    name: 'your name in Settings',
    open: async (page) => {
      await openApp(page, '/settings');
      return page.getByLabel('Your name');
    },
    read: (storage) => JSON.parse(storage['coffee-chat/settings']).my_name ?? '',
  },
  {
    name: 'a follow-up note',
    open: async (page) => {
      await openApp(page);
      await addPerson(page, 'Dev Patel');
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Queue' }).click();
      const add = page.getByRole('region', { name: 'Add a follow-up' });
      const who = add.getByLabel('Who');
      await who.click();
      await who.selectOption({ label: 'Dev Patel' });
      await add.getByLabel('What to do').fill('Send Dev the meetup link');
      await add.getByRole('button', { name: 'Add follow-up' }).click();
      await page.locator('.followup').filter({ hasText: 'Send Dev the meetup link' }).getByText('Note and snooze').click();
      return page.getByRole('textbox', { name: /^Note on: Send Dev the meetup link/ });
    },
    read: (storage) => {
      const key = Object.keys(storage).find((k) => k.startsWith('coffee-chat/followup/'))!;
      return JSON.parse(storage[key]).note ?? '';
    },
  },
];

for (const field of FREEZE_FIELDS) {
  test(`freezing the tab saves what was typed before it: ${field.name}`, async ({ context }) => {
    const page = await context.newPage();
    const box = await field.open(page);
    const before = await box.inputValue();
    await box.click();
    await box.press('Control+End');
    const typed = 'Typed right up to the moment the phone froze the tab, all of it.'.padEnd(66, '!');
    await page.keyboard.type(typed);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    await page.evaluate(() => document.dispatchEvent(new Event('freeze')));
    cdp.send('Page.crash').catch(() => {});
    await page.waitForEvent('crash');

    const reader = await context.newPage();
    await reader.goto('/people');
    const whole = field.read(await stored(reader));
    const saved = whole.startsWith(before) ? whole.slice(before.length) : whole;
    let kept = 0;
    while (kept < typed.length && saved[kept] === typed[kept]) kept++;
    expect(kept, `kept ${kept} of ${typed.length} characters typed before the freeze`).toBe(typed.length);
  });
}

/** Waits until Chromium has written this profile's localStorage to disk
 * once. Until its database is open, Chromium drops unwritten changes at
 * shutdown ("nothing to do if no connection to the database was ever
 * finished", LocalStorageImpl::ShutDown), which on a busy machine took a
 * whole trial's writes with it; after that it flushes them, and that flush,
 * fed by what the page saved, is what the quit trials measure. */
async function untilStorageReachedDisk(profile: string) {
  const dir = join(profile, 'Default', 'Local Storage', 'leveldb');
  await expect
    .poll(
      () =>
        existsSync(dir) &&
        readdirSync(dir).some((file) => file.endsWith('.log') && readFileSync(join(dir, file)).includes('coffee-chat/')),
      { timeout: 30_000, message: 'Chromium writes localStorage to disk' },
    )
    .toBe(true);
}

for (const field of [FIELDS[0], FIELDS[2]]) {
test(`quitting the browser mid-burst loses at most 300 ms of typing: ${field.name}`, async ({ baseURL }) => {
  // Three trials of two browser starts each: more than the default minute
  // on a busy 2-core machine.
  test.setTimeout(180_000);
  for (let trial = 1; trial <= 3; trial++) {
    const profile = mkdtempSync(join(tmpdir(), 'coffee-chat-quit-'));
    const launch = () =>
      chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        baseURL,
        viewport: { width: 390, height: 844 },
      });
    const browser = await launch();
    await browser.addInitScript(recordKeyTimes);
    const page = await browser.newPage();
    const box = await field.open(page);
    await untilStorageReachedDisk(profile);
    const typed = `quit ${trial}: ` + 'notes typed right up to the end '.repeat(2).slice(0, BURST_KEYS - 8);
    await typeBurst(page, box, typed);
    const allowed = await keysInLastWindow(page);
    await browser.close();

    const again = await launch();
    const reader = await again.newPage();
    await reader.goto('/people');
    const saved = field.read(await stored(reader));
    await again.close();
    rmSync(profile, { recursive: true, force: true });
    const lost = typed.length - saved.length;
    figures.push(`  quit, ${field.name}, trial ${trial}: typed ${typed.length}, lost ${lost} (allowed ${allowed})`);
    expect(typed.startsWith(saved.trimEnd())).toBe(true);
    expect(lost).toBeLessThanOrEqual(allowed);
  }
});
}

test('a stale tab shows what another tab typed and never puts back older text', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await addPerson(a, 'Ana Silva');
  const url = a.url();
  const b = await context.newPage();
  await b.goto(url);
  await waitForApp(b);
  await b.getByLabel('Notes').click();

  await a.getByLabel('Notes').fill('Runs the payments team; hiring freeze until spring.');
  // Tab B shows the new text even though its cursor is in that box...
  await expect(b.getByLabel('Notes')).toHaveValue('Runs the payments team; hiring freeze until spring.');
  // ...and a key typed there adds to it instead of replacing it.
  await b.getByLabel('Notes').press('End');
  await b.getByLabel('Notes').pressSequentially(' Met twice.');
  await a.waitForTimeout(600);
  const people = Object.values(await storedPeople(a)) as Array<{ notes: string }>;
  expect(people[0].notes).toBe('Runs the payments team; hiring freeze until spring. Met twice.');
  await expect(a.getByLabel('Notes')).toHaveValue('Runs the payments team; hiring freeze until spring. Met twice.');

  // Research notes on Prepare behave the same way.
  await a.getByRole('button', { name: 'Plan a chat' }).click();
  await a.getByRole('link', { name: 'Prepare this chat' }).click();
  await b.goto(a.url());
  await waitForApp(b);
  await a.getByLabel('Research notes').fill('Annual report: two new offices.');
  await expect(b.getByLabel('Research notes')).toHaveValue('Annual report: two new offices.');
  await b.getByLabel('What I want to learn').fill('How the team grew');
  await a.waitForTimeout(600);
  await a.reload();
  await waitForApp(a);
  await expect(a.getByLabel('Research notes')).toHaveValue('Annual report: two new offices.');
  await expect(a.getByLabel('What I want to learn')).toHaveValue('How the team grew');
});

// Three tabs on one person, each typing in its own field a key at a time
// in turn, sometimes beside a fourth tab frozen the way a phone freezes a
// background tab. A tab's copy of storage lags the others' writes by a
// moment, so a tab can write over a version that lacks another tab's last
// keys: that tab must put them back.
const TAB_RUNS = 8;
const KEYS_PER_TAB = 20;
const SETTLED_WITHIN_MS = 3_000;

type SharedRecord = {
  name: string;
  /** Opens the record's screen in a first tab; the others open its address. */
  open: (page: Page) => Promise<void>;
  read: (storage: Record<string, string>) => Record<string, string>;
  fields: { label: string; key: string }[];
};

const SHARED_RECORDS: SharedRecord[] = [
  {
    name: 'one person',
    open: (page) => addPerson(page, 'Ana Silva'),
    read: (storage) => JSON.parse(Object.entries(storage).find(([k]) => k.startsWith('coffee-chat/person/'))![1]),
    fields: [
      { label: 'Role', key: 'role' },
      { label: 'Organisation', key: 'organisation' },
      { label: 'Notes', key: 'notes' },
    ],
  },
  {
    name: 'the settings',
    open: async (page) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByLabel('Your name')).toBeVisible();
    },
    read: (storage) => JSON.parse(storage['coffee-chat/settings'] ?? '{}'),
    fields: [
      { label: 'Your name', key: 'my_name' },
      { label: 'Signature for messages', key: 'signature' },
      { label: 'One line about your background', key: 'background' },
    ],
  },
];

for (const record of SHARED_RECORDS) {
  test(`three tabs typing at once in three fields of ${record.name} keep every character`, async ({ context }) => {
    test.setTimeout(240_000);
    const a = await context.newPage();
    await openApp(a);
    await record.open(a);
    const url = a.url();
    const others: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const tab = await context.newPage();
      await tab.goto(url);
      await waitForApp(tab);
      others.push(tab);
    }
    const [b, c, d] = others;
    const frozenTab = await context.newCDPSession(d);
    const writers = [a, b, c].map((tab, w) => ({ tab, ...record.fields[w] }));
    const losses: string[] = [];
    const settledAfter: number[] = [];
    for (let run = 1; run <= TAB_RUNS; run++) {
      const frozen = run % 2 === 1;
      await frozenTab.send('Page.setWebLifecycleState', { state: frozen ? 'frozen' : 'active' });
      const before = record.read(await stored(a));
      for (const { tab, label } of writers) {
        await tab.getByLabel(label, { exact: true }).click();
        await tab.keyboard.press('Control+End');
      }
      const typed = writers.map((_, w) => `${run}${'abcdefghijklmnopqrstuvwxyz'.slice(w, w + KEYS_PER_TAB - 1)}`);
      for (let k = 0; k < KEYS_PER_TAB; k++) {
        for (const [w, { tab }] of writers.entries()) await tab.keyboard.type(typed[w][k]);
      }
      // The last keys reach storage within the autosave window, and keys a
      // stale write left out come back once their tab sees that write: a
      // few hundred milliseconds, more on a loaded machine.
      const lost = (after: Record<string, string>) =>
        writers.flatMap(({ label, key }, w) => {
          const added = (after[key] ?? '').slice((before[key] ?? '').length);
          let kept = 0;
          while (kept < typed[w].length && added[kept] === typed[w][kept]) kept++;
          return kept < KEYS_PER_TAB || !(after[key] ?? '').startsWith(before[key] ?? '')
            ? [`run ${run}${frozen ? ' (fourth tab frozen)' : ''}: ${label} kept ${kept} of ${KEYS_PER_TAB} characters in storage`]
            : [];
        });
      const typingEnded = Date.now();
      let after = record.read(await stored(a));
      while (lost(after).length > 0 && Date.now() < typingEnded + SETTLED_WITHIN_MS) {
        await a.waitForTimeout(50);
        after = record.read(await stored(a));
      }
      settledAfter.push(Date.now() - typingEnded);
      losses.push(...lost(after));
      expect(losses, losses.join('; ')).toEqual([]);
      // And every tab shows what storage holds, none of it less.
      for (const { label, key } of writers) {
        for (const tab of frozen ? [a, b, c] : [a, b, c, d]) {
          await expect(tab.getByLabel(label, { exact: true }), `${label} in every tab, run ${run}`).toHaveValue(after[key]);
        }
      }
    }
    console.log(`${record.name}: every character in storage after ${settledAfter.join(', ')} ms`);
  });
}

test('a change another tab makes while this tab reads the records is not missed', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  // Ana first, then enough people that reading them takes many steps.
  const notes = 'Talked about the team, the tools and the hiring plans. '.repeat(60);
  const people = [personRecord('ana', 'Ana Silva')];
  for (let i = 0; i < 400; i++) people.push(personRecord(`p${i}`, `Person ${String(i).padStart(3, '0')}`, { notes }));
  await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const backup = a.getByRole('region', { name: 'Backup' });
  await backup.getByLabel('Import a backup').setInputFiles({ name: 'many.json', mimeType: 'application/json', buffer: backupOf(people) });
  await a.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await expect(backup.getByRole('alert')).toContainText('Imported');
  const anaKey = 'coffee-chat/person/ana';

  // Tab B is starting, on a slow phone. The moment it has read Ana's
  // record, and before its app listens for changes, another document
  // renames her: a frame of B's own, which storage treats as another tab.
  const b = await context.newPage();
  const cdp = await context.newCDPSession(b);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await b.addInitScript((key) => {
    if (window !== window.top) return;
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (this: Storage, asked: string) {
      const value = getItem.call(this, asked);
      if (asked === key && value && !(window as any).__renamed) {
        (window as any).__renamed = true;
        const frame = document.createElement('iframe');
        document.documentElement.append(frame);
        frame.contentWindow!.localStorage.setItem(key, JSON.stringify({ ...JSON.parse(value), name: 'Ana Costa' }));
        frame.remove();
      }
      return value;
    };
  }, anaKey);
  await b.goto('/people');
  await waitForApp(b);
  expect(await b.evaluate(() => (window as any).__renamed), 'renamed during the read').toBe(true);
  const list = b.getByRole('main');
  await expect(list.getByRole('link', { name: /Ana Costa/ })).toBeVisible();
  await expect(list.getByRole('link', { name: /Ana Silva/ })).toHaveCount(0);
  await expect(list.getByRole('link', { name: /Person 000/ })).toBeVisible();
  // And B keeps the new name when it writes.
  await b.getByRole('link', { name: /Ana Costa/ }).click();
  await b.getByLabel('Notes').fill('Moved to the design team.');
  await b.waitForTimeout(600);
  const stored = (await storedPeople(b))[anaKey] as { name: string; notes: string };
  expect([stored.name, stored.notes]).toEqual(['Ana Costa', 'Moved to the design team.']);
});

test('an edit that could not be saved is remembered until storage has room', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Yasmin Haddad');
  await addPerson(page, 'Xavier Roy');
  const xavier = page.url();
  await fillStorage(page);

  await page.getByLabel('Notes').fill('Long notes about the reorganisation. '.repeat(30));
  await expect(page.getByRole('alert')).toContainText('Not saved');
  await expect(page.getByRole('button', { name: 'Export what is on screen' })).toBeVisible();

  // A shorter change to someone else succeeds, and the banner stays.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: /Yasmin Haddad/ }).click();
  await emptyFiller(page);
  await fillStorage(page, 200);
  await page.getByLabel('Role').fill('PM');
  await page.waitForTimeout(500);
  await expect(page.getByRole('alert')).toContainText('Not saved');

  // The export holds the unsaved notes.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export what is on screen' }).click();
  const file = await (await download).path();
  const backup = JSON.parse(readFileSync(file!, 'utf8'));
  expect(backup.people.find((p: { name: string }) => p.name === 'Xavier Roy').notes).toContain('reorganisation');

  // Room again: the next change saves everything, and the banner goes.
  await emptyFiller(page);
  await page.getByLabel('Role').fill('Product manager');
  await expect(page.getByRole('alert')).not.toContainText('Not saved');
  await page.goto(xavier);
  await waitForApp(page);
  await expect(page.getByLabel('Notes')).toHaveValue(/reorganisation/);
});

function backupOf(people: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) {
  return Buffer.from(
    JSON.stringify({
      app: 'coffee-chat',
      schema: 1,
      exported_at: '2026-11-01T09:00:00Z',
      people,
      chats: [],
      followups: [],
      settings: {},
      ...extra,
    }),
  );
}

function personRecord(id: string, name: string, more: Record<string, unknown> = {}) {
  return { id, name, created_at: '2026-10-01T09:00:00Z', updated_at: '2026-10-01T09:00:00Z', ...more };
}

test('a Replace import that runs out of room changes nothing at all', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.getByLabel('Notes').fill('Newer notes, typed after the backup.');
  await addPerson(page, 'Ben Okafor');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.waitForTimeout(400);
  await fillStorage(page, 256 * 1024);
  const before = await stored(page);

  const people = Array.from({ length: 300 }, (_, i) => personRecord(`big${i}`, `Person ${i}`, { notes: 'n'.repeat(2048) }));
  const backup = page.getByRole('region', { name: 'Backup' });
  await backup.getByLabel('Import a backup').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: backupOf(people) });
  await page.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await expect(backup.getByRole('alert')).toContainText('Nothing was imported: your data is as it was.');
  await expect(page.getByText('2 people are saved on this device.')).toBeVisible();
  expect(await stored(page)).toEqual(before);

  await emptyFiller(page);
  await page.reload();
  await waitForApp(page);
  await expect(page.getByText('2 people are saved on this device.')).toBeVisible();
});

test('imports check references: broken links are repaired and said, orphans refused', async ({ page }) => {
  await openApp(page, '/settings');
  const backup = page.getByRole('region', { name: 'Backup' });
  const choose = (buffer: Buffer) =>
    backup.getByLabel('Import a backup').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer });

  await choose(backupOf([personRecord('a', '   ')]));
  await expect(backup.getByRole('alert')).toHaveText('The backup has a person with no name (a). Nothing was changed.');

  await choose(
    backupOf([personRecord('a', 'Ana')], {
      followups: [
        { id: 'f', kind: 'custom', person_id: 'ghost', due: '2026-12-01', status: 'open', title: 'Call', created_at: '2026-10-01T09:00:00Z', updated_at: '2026-10-01T09:00:00Z' },
      ],
    }),
  );
  await expect(backup.getByRole('alert')).toContainText('a follow-up (f) for someone who is not in it');

  await choose(
    backupOf([
      personRecord('a', 'Ana', { introduced_by: 'a' }),
      personRecord('b', 'Ben', { introduced_by: 'nobody' }),
    ]),
  );
  await expect(page.getByText('Ana was marked as introduced by themselves')).toBeVisible();
  await expect(page.getByText('Ben was introduced by someone not in the backup')).toBeVisible();
  await page.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await expect(page.getByText('2 people are saved on this device.')).toBeVisible();
  const records = Object.values(await storedPeople(page)) as Array<{ introduced_by?: string }>;
  expect(records.map((p) => p.introduced_by ?? null)).toEqual([null, null]);
});

test('a corrupt record found while storage is full is counted, kept and explained', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  await page.evaluate(() => localStorage.setItem('coffee-chat/person/zz', '{"id": "zz", "name": '));
  await fillStorage(page);
  await page.reload();
  await waitForApp(page);
  await expect(page.getByText('1 saved record could not be read.')).toBeVisible();
  await expect(page.getByText('Storage is too full to move them aside')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('coffee-chat/person/zz'))).toBe('{"id": "zz", "name": ');
});

test('another tab moving the data to a newer version makes this tab read-only with a message', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await addPerson(a, 'Ana Silva');
  const b = await context.newPage();
  await openApp(b, '/settings');
  await b.evaluate(() => localStorage.setItem('coffee-chat/schema', '4'));
  await expect(a.getByText('Coffee Chat was updated in another tab')).toBeVisible();
  await a.getByLabel('Role').fill('Designer');
  await expect(a.getByRole('alert')).toContainText('Not saved');
  const people = Object.values(await storedPeople(a)) as Array<{ role?: string }>;
  expect(people[0].role ?? '').toBe('');
});

test('another tab damaging the schema key leaves this tab writing, and the key is mended', async ({ context }) => {
  const a = await context.newPage();
  await openApp(a);
  await addPerson(a, 'Ana Silva');
  const b = await context.newPage();
  await openApp(b, '/settings');
  await b.evaluate(() => localStorage.setItem('coffee-chat/schema', ''));
  await a.getByLabel('Role').fill('Designer');
  await a.waitForTimeout(500);
  await expect(a.getByText('newer version')).toHaveCount(0);
  const people = Object.values(await storedPeople(a)) as Array<{ role?: string }>;
  expect(people[0].role).toBe('Designer');
  expect(await a.evaluate(() => localStorage.getItem('coffee-chat/schema'))).toBe('3');
});

for (const schema of ['abc', '', '-1', '0']) {
  test(`a schema key of ${JSON.stringify(schema)} is damage, not a newer version`, async ({ page }) => {
    await openApp(page);
    await addPerson(page, 'Ana Silva');
    await page.evaluate((value) => localStorage.setItem('coffee-chat/schema', value), schema);
    await page.reload();
    await waitForApp(page);
    await expect(page.getByText('1 saved record could not be read.')).toBeVisible();
    await expect(page.getByText('newer version')).toHaveCount(0);
    await page.getByLabel('Role').fill('Designer');
    await page.waitForTimeout(500);
    await expect(page.getByRole('alert')).not.toContainText('Not saved');
    expect(await page.evaluate(() => localStorage.getItem('coffee-chat/schema'))).toBe('3');
  });
}

test('an email address cannot smuggle headers into the Email link', async ({ page }) => {
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  const email = page.getByLabel('Email');
  await email.fill('ana@example.com?bcc=eve@evil.test&subject=x%0D%0Abcc:eve@evil.test');
  await expect(page.getByText('That email address does not look right')).toBeVisible();
  await email.fill('ana@example.com');
  await expect(page.getByRole('link', { name: 'Email ana@example.com' })).toHaveAttribute('href', 'mailto:ana@example.com');
  await page.waitForTimeout(500);

  // A hostile address already stored (an old record, say) is encoded.
  const [key, record] = Object.entries(await storedPeople(page))[0];
  const hostile = { ...record, email: 'ana@example.com?bcc=eve@evil.test' };
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(hostile)]);
  await page.reload();
  await waitForApp(page);
  const href = await page.getByRole('link', { name: /^Email / }).getAttribute('href');
  expect(href).toBe('mailto:ana@example.com%3Fbcc%3Deve@evil.test');
});

test('a six-digit year is refused with a message and nothing breaks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await planChat(page);
  const time = page.getByLabel('Date and time');
  await expect(time).toHaveAttribute('max', '2100-12-31T23:59');
  await time.evaluate((input: HTMLInputElement) => {
    input.value = '262142-01-01T10:00';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  const value = await time.inputValue();
  if (value) {
    await expect(page.getByText('Pick a date between the years 2000 and 2100.')).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Add to calendar (.ics)' })).toHaveCount(0);
  await time.fill('2026-12-04T08:30');
  await expect(page.getByRole('button', { name: 'Add to calendar (.ics)' })).toBeVisible();
  await page.getByRole('button', { name: 'Add to calendar (.ics)' }).click();
  await expect(page.locator('#crash')).toBeHidden();
  expect(errors).toEqual([]);
});

test('Settings shows the share of the localStorage budget, warns from 80% and archives old chats', async ({ page }) => {
  await openApp(page, '/settings');
  const chat = {
    id: 'old',
    person_id: 'a',
    history: [
      { stage: 'idea', at: '2025-01-05T09:00:00Z' },
      { stage: 'done', at: '2025-02-05T09:00:00Z' },
    ],
    created_at: '2025-01-05T09:00:00Z',
    updated_at: '2025-02-05T09:00:00Z',
    takeaways: 'Learn SQL first',
  };
  // Measured again once the data has changed.
  const gauge = page.getByText(/Coffee Chat uses .* of the about 5\.0 MB this browser keeps for a site/);
  const empty = await gauge.textContent();
  const backup = page.getByRole('region', { name: 'Backup' });
  await backup.getByLabel('Import a backup').setInputFiles({
    name: 'old.json',
    mimeType: 'application/json',
    buffer: backupOf([personRecord('a', 'Ana')], { chats: [chat] }),
  });
  await page.getByRole('button', { name: 'Replace everything with the backup' }).click();
  await expect(page.getByText(/Coffee Chat uses .* of the about 5\.0 MB this browser keeps for a site \(0%\)/)).toBeVisible();
  await expect(gauge).not.toHaveText(empty!);
  await expect(page.getByText('Storage is nearly full')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Archive 1 done chat older than 6 months to a file' }).click();
  const archived = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(archived.chats.map((c: { takeaways: string }) => c.takeaways)).toEqual(['Learn SQL first']);
  await expect(page.getByText('1 chat moved to the archive file.')).toBeVisible();
  expect(Object.keys(await stored(page)).filter((k) => k.startsWith('coffee-chat/chat/'))).toEqual([]);

  // Unreadable data kept aside counts too: past 80%, a warning.
  await page.evaluate(() => localStorage.setItem('coffee-chat/quarantine/big', 'x'.repeat(4_100_000)));
  await page.reload();
  await waitForApp(page);
  await expect(page.getByText('Storage is nearly full. Export a backup, then archive older chats to make room.')).toBeVisible();
});
