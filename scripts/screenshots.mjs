// Takes the install sheet's screenshots from the real app with the sample
// data of examples/sample_data.rs: Today, Meet and Queue at 360x740 CSS
// pixels, twice as many device pixels, as the manifest lists them; in
// English (today.png) and French (today.fr.png, for manifest.fr.webmanifest).
// Called by scripts/screenshots.sh with the served origin and the folder of
// the data files (sample.json, sample.fr.json).
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [origin, dataDir, outDir] = process.argv.slice(2);

const languages = {
  en: {
    locale: 'en-CA',
    suffix: '',
    nav: 'Main',
    queueTab: /^Queue/,
    queueHeading: 'Follow-ups',
    nextChat: 'Next chat',
    startTimer: 'Start timer',
  },
  fr: {
    locale: 'fr-CA',
    suffix: '.fr',
    nav: 'Principale',
    queueTab: /^Relances/,
    queueHeading: 'Relances',
    nextChat: 'Prochaine rencontre',
    startTimer: 'Démarrer le minuteur',
  },
};

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH });
for (const words of Object.values(languages)) await shootAll(words);
await browser.close();

async function shootAll(words) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: words.locale,
    timezoneId: 'America/Toronto',
    colorScheme: 'light',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  const entries = JSON.parse(readFileSync(`${dataDir}/sample${words.suffix}.json`, 'utf8'));
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-12-02T09:00:00-05:00') });
  await page.addInitScript((entries) => {
    if (localStorage.length) return;
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, entries);

  async function shoot(name) {
    // Settle fonts and layout before the picture.
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: `${outDir}/${name}${words.suffix}.png`, animations: 'disabled', caret: 'hide' });
    console.log(`${outDir}/${name}${words.suffix}.png`);
  }

  const appShown = () => page.locator('#skeleton').waitFor({ state: 'detached', timeout: 30_000 });

  await page.goto(`${origin}/`);
  await appShown();
  await page.getByRole('heading', { name: words.nextChat }).waitFor();
  await page.clock.pauseAt(new Date('2026-12-02T09:00:05-05:00'));
  await shoot('today');

  await page.getByRole('navigation', { name: words.nav }).getByRole('link', { name: words.queueTab }).click();
  await page.getByRole('heading', { level: 1, name: words.queueHeading }).waitFor();
  await shoot('queue');

  await page.goto(`${origin}/meet`);
  await appShown();
  await page.getByRole('button', { name: words.startTimer }).waitFor();
  await page.clock.pauseAt(new Date('2026-12-02T09:30:00-05:00'));
  await page.getByRole('button', { name: words.startTimer }).click();
  await page.clock.runFor('03:25');
  await shoot('meet');
  await context.close();
}
