import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoSeriousA11yViolations, FOLLOW_UP_KINDS, FRENCH_IMPORT, replaceWithBackup } from './helpers';

// A phone set to Canadian French: the app follows it without being asked.
test.use({ locale: 'fr-CA', timezoneId: 'America/Toronto' });

test('a phone in French meets French from the first paint to the queue, and English from Settings leaves what was typed alone', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.locator('#skeleton')).toHaveCount(0, { timeout: 30_000 });
  const nav = page.getByRole('navigation', { name: 'Principale' });
  await expect(nav.getByRole('link')).toHaveText(['Accueil', 'Contacts', 'Relances', 'Synthèse', 'Réglages']);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aujourd’hui');
  await expect(page).toHaveTitle('Aujourd’hui · Coffee Chat');
  // The install sheet speaks French too.
  const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await page.request.get(manifestUrl!)).json();
  expect(manifest.lang).toBe('fr');
  expect(manifest.shortcuts.map((s: { short_name: string }) => s.short_name)).toEqual(['Rencontre', 'Relances']);
  // Its screenshots are the French screens, at the sizes it states.
  expect(manifest.screenshots.map((s: { src: string }) => s.src)).toEqual([
    '/screenshots/today.fr.png',
    '/screenshots/meet.fr.png',
    '/screenshots/queue.fr.png',
  ]);
  for (const screenshot of manifest.screenshots) {
    const png = await (await page.request.get(screenshot.src)).body();
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(screenshot.sizes);
  }
  await expectNoSeriousA11yViolations(page);

  await page.getByRole('link', { name: 'Ajouter une première personne' }).click();
  await page.getByLabel('Nom', { exact: true }).fill('Chloé Roy');
  await page.getByRole('button', { name: 'Ajouter une personne' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chloé Roy' })).toBeVisible();
  await page.getByRole('button', { name: 'Planifier une rencontre' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Rencontre avec Chloé Roy' })).toBeVisible();

  // The request starts from the French template; a job ask is flagged.
  const body = page.getByLabel('Message', { exact: true });
  await expect(body).toHaveValue(/^Bonjour Chloé,/);
  const typed = 'Bonjour Chloé,\n\nJ’ai lu votre article sur le transport. Avez-vous un poste ?\n\nMerci,\nSam';
  await body.fill(typed);
  await expect(page.locator('.check.fail').filter({ hasText: 'Aucune demande d’emploi' })).toContainText('pas à obtenir un emploi');
  await expectNoSeriousA11yViolations(page);
  // An ask no rule reads is flagged by the learned weights, in French.
  await body.fill('Bonjour Chloé,\n\nJ’ai lu votre article sur le transport. Votre studio accueillerait-il une pigiste cet hiver ?\n\nMerci,\nSam');
  const learned = page.locator('.check.fail').filter({ hasText: 'Aucune demande d’emploi' });
  await expect(learned).toContainText('Aucune règle précise ne s’applique à ce texte');
  await expect(learned).toContainText(/les mots qui pèsent le plus\u00a0: [^.]*(accueillerait|pigiste)/);
  await body.fill(typed);

  // Prepare from the French bank.
  await page.getByRole('link', { name: 'Préparer cette rencontre' }).click();
  const bank = page.getByRole('region', { name: 'Banque de questions' });
  await bank.getByLabel('Chercher dans la banque').fill('journée typique');
  await bank.getByRole('button', { name: 'Ajouter : À quoi ressemble une journée typique pour vous ?' }).click();
  await expect(page.getByRole('region', { name: 'Mes questions' })).toContainText('À quoi ressemble une journée typique pour vous ?');
  await expect(page.getByText('Lire le site Web de l’organisation')).toBeVisible();

  // The meeting timer.
  await page.getByRole('link', { name: 'Retour à la rencontre' }).first().click();
  await page.getByRole('link', { name: 'Ouvrir l’écran de rencontre' }).click();
  await page.getByRole('button', { name: 'Démarrer le minuteur' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Question en cours' })).toContainText('journée typique');
  await page.getByRole('button', { name: 'Terminer la rencontre' }).click();
  const debrief = page.getByRole('region', { name: 'Bilan' });
  await debrief.getByLabel('Ce que je retiens').fill('Le réseau compte plus que le CV.');
  await expectNoSeriousA11yViolations(page);

  // The follow-up queue.
  await nav.getByRole('link', { name: 'Relances' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Relances' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Envoyer un remerciement à Chloé Roy');
  await expectNoSeriousA11yViolations(page);
  // Even the files it saves are named in French.
  const [calendar] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter vers le calendrier (.ics)' }).click(),
  ]);
  expect(calendar.suggestedFilename()).toBe('coffee-chat-relances.ics');

  // English from Settings: the interface changes, what was typed does not.
  await nav.getByRole('link', { name: 'Réglages' }).click();
  const [backup] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Exporter une sauvegarde lisible (.json)' }).click(),
  ]);
  expect(backup.suggestedFilename()).toMatch(/^coffee-chat-sauvegarde-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByLabel('Langue').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const main = page.getByRole('navigation', { name: 'Main' });
  await expect(main.getByRole('link')).toHaveText(['Today', 'People', 'Queue', 'Insights', 'Settings']);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings & data');
  await main.getByRole('link', { name: 'People' }).click();
  await page.getByRole('link', { name: /Chloé Roy/ }).first().click();
  await page.getByRole('link', { name: /^Chat · Done/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Chat with Chloé Roy' })).toBeVisible();
  const storedRequest = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((key) => key.startsWith('coffee-chat/chat/'))
      .map((key) => JSON.parse(localStorage.getItem(key)!).request),
  );
  expect(storedRequest).toEqual([typed]);
  await page.getByRole('link', { name: 'Prepare this chat' }).click();
  await expect(page.getByText('Lire le site Web de l’organisation')).toBeVisible();
  await expect(page.getByRole('region', { name: 'My questions' })).toContainText('À quoi ressemble une journée typique pour vous ?');
});

test('with the browser refusing storage, the warning is in French too', async ({ page }) => {
  // What a browser with site data blocked gives: no localStorage at all.
  await page.addInitScript(() => Object.defineProperty(window, 'localStorage', { get: () => null }));
  await page.goto('/');
  await expect(page.locator('#skeleton')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByText(/inutilisable \(le stockage est désactivé\)/)).toBeVisible();
  expect(await page.locator('body').innerText()).not.toMatch(/storage|switched|error/i);
});

/** Runs of three words or more from every English text that French words
 * otherwise: none may show in a French render. Placeholders split a text
 * into runs; a run that the French catalogue also holds (a name, a brand)
 * is no sign of English. */
function englishRuns(): string[] {
  const english: Record<string, string> = JSON.parse(readFileSync('i18n/en.json', 'utf8'));
  const french: Record<string, string> = JSON.parse(readFileSync('i18n/fr.json', 'utf8'));
  const allFrench = Object.values(french).join('\n');
  const runs = new Set<string>();
  for (const [key, text] of Object.entries(english)) {
    if (text === french[key]) continue;
    for (const run of text.split(/\{[^}]*\}|\n/)) {
      const trimmed = run.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
      if (trimmed.split(/\s+/).length >= 3 && !allFrench.includes(trimmed)) runs.add(trimmed);
    }
  }
  return [...runs];
}

test('every screen of a full workspace in French shows no English, in its text, labels and title', async ({ page }) => {
  const AT = '2026-11-01T10:00:00Z';
  const stamp = { created_at: AT, updated_at: AT };
  const stages = (...names: string[]) => names.map((stage) => ({ stage, at: AT }));
  const person = (id: string, name: string, organisation: string, extra = {}) => ({ id, name, organisation, role: 'Analyste', ...stamp, ...extra });
  const chat = (id: string, person_id: string, history: object[], extra = {}) => ({ id, person_id, history, ...stamp, ...extra });
  const backup = {
    app: 'coffee-chat',
    schema: 3,
    exported_at: AT,
    people: [
      person('p1', 'Chloé Roy', 'Hydro-Québec', { email: 'chloe@example.com', phone: '514 555 0101', linkedin: 'https://www.linkedin.com/in/chloe' }),
      person('p2', 'Marc Gagnon', 'Desjardins', { introduced_by: 'p1' }),
      person('p3', 'Léa Tremblay', 'Hydro-Québec'),
      person('p4', 'Samir Haddad', 'Banque Nationale'),
    ],
    chats: [
      chat('c1', 'p1', stages('idea', 'asked', 'booked', 'done'), {
        starts_at: '2026-11-20T08:30:00',
        format: 'in_person',
        place: 'Café Olimpico',
        takeaways: 'Lire le rapport annuel',
        advice: 'Parler à l’équipe de planification',
        referrals: ['p2'],
      }),
      chat('c2', 'p2', stages('idea', 'asked', 'booked'), { starts_at: '2026-12-03T08:30:00', format: 'video' }),
      chat('c3', 'p3', stages('idea', 'asked')),
      chat('c4', 'p4', stages('idea', 'asked', 'declined')),
    ],
    followups: FOLLOW_UP_KINDS.map((kind, n) => ({
      id: `f${n}`,
      kind,
      person_id: n % 2 ? 'p1' : 'p3',
      chat_id: n % 2 ? 'c1' : 'c3',
      due: `2026-11-${String(20 + n).padStart(2, '0')}`,
      status: 'open',
      title: `Tâche ${n}`,
      ...stamp,
    })),
    targets: [
      { id: 't1', name: 'Hydro-Québec', motivation: 3, postings: 2, ...stamp },
      { id: 't2', name: 'Ubisoft', motivation: 2, postings: 1, ...stamp },
    ],
    settings: { name: 'Sam Côté', field: 'la planification des transports', target_chats: 5 },
  };
  await page.clock.install({ time: new Date('2026-12-02T10:00:00-05:00') });
  await page.goto('/');
  await expect(page.locator('#skeleton')).toHaveCount(0, { timeout: 30_000 });
  await replaceWithBackup(page, backup, FRENCH_IMPORT);

  const runs = englishRuns();
  expect(runs.length).toBeGreaterThan(500);
  const screens = [
    '/',
    '/people',
    '/people/new',
    '/people/p1',
    '/people/p4',
    '/chats/c1',
    '/chats/c2',
    '/chats/c3',
    '/chats/c4',
    '/chats/c2/prepare',
    '/chats/c2/meet',
    '/queue',
    '/targets',
    '/targets/t1',
    '/insights',
    '/settings',
    '/nowhere',
  ];
  for (const screen of screens) {
    await page.goto(screen);
    await expect(page.locator('#skeleton, #glance')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Whatever is folded away is part of the screen too.
    await page.evaluate(() => document.querySelectorAll('main details').forEach((details) => ((details as HTMLDetailsElement).open = true)));
    await page.waitForTimeout(100);
    const shown = await page.evaluate(() => {
      const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')].flatMap((element) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((name) => element.getAttribute(name) ?? ''),
      );
      return [document.title, document.body.innerText, ...labels].join('\n');
    });
    const english = runs.filter((run) => shown.includes(run));
    expect(english, `English on ${screen}`).toEqual([]);
  }
});
