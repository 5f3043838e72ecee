// Takes the install sheet's screenshots from the real app with the sample
// data of examples/sample_data.rs: Today, Meet and Queue at 360x740 CSS
// pixels, twice as many device pixels, as the manifest lists them. Called by
// scripts/screenshots.sh with the served origin and the data file.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';

const [origin, dataFile, outDir] = process.argv.slice(2);
const entries = JSON.parse(readFileSync(dataFile, 'utf8'));

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH });
const context = await browser.newContext({
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-CA',
  timezoneId: 'America/Toronto',
  colorScheme: 'light',
  reducedMotion: 'reduce',
  serviceWorkers: 'block',
});
const page = await context.newPage();
await page.clock.install({ time: new Date('2026-12-02T09:00:00-05:00') });
await page.addInitScript((entries) => {
  if (localStorage.length) return;
  for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
}, entries);

async function shoot(name) {
  // Settle fonts and layout before the picture.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${outDir}/${name}.png`, animations: 'disabled', caret: 'hide' });
  console.log(`${outDir}/${name}.png`);
}

const appShown = () => page.locator('#skeleton').waitFor({ state: 'detached', timeout: 30_000 });

await page.goto(`${origin}/`);
await appShown();
await page.getByRole('heading', { name: 'Next chat' }).waitFor();
await page.clock.pauseAt(new Date('2026-12-02T09:00:05-05:00'));
await shoot('today');

await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Queue/ }).click();
await page.getByRole('heading', { level: 1, name: 'Follow-ups' }).waitFor();
await shoot('queue');

await page.goto(`${origin}/meet`);
await appShown();
await page.getByRole('button', { name: 'Start timer' }).waitFor();
await page.clock.pauseAt(new Date('2026-12-02T09:30:00-05:00'));
await page.getByRole('button', { name: 'Start timer' }).click();
await page.clock.runFor('03:25');
await shoot('meet');

await browser.close();
