// A/B comparison: two served builds, timed turn about in one browser on the
// same dataset, so that a slow moment of a shared machine falls on both.
// Called by scripts/bench-ab.sh with the dataset, the number of rounds and
// the two origins. Prints each build's medians and every run.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { longestTaskBefore, navLink, onScreen, phonePage, timed, timedFilterChange } from './bench-timing.mjs';

const [file, rounds, ...origins] = process.argv.slice(2);
const entries = JSON.parse(readFileSync(file, 'utf8'));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH });

const builds = [];
for (const origin of origins) {
  const page = await phonePage(browser, origin, entries);
  builds.push({ origin, page, figures: { startup: [], longest: [], people: [], insights: [], filter: [] } });
}

for (let round = 0; round < Number(rounds); round++) {
  for (const { origin, page, figures } of builds) {
    await page.goto(`${origin}/`);
    // The app ready for taps: neither the static first screen nor Today's glance.
    await page.waitForFunction(() => !document.getElementById('skeleton') && !document.getElementById('glance') && document.querySelector('main h1'), null, {
      polling: 10,
      timeout: 120_000,
    });
    const ready = await page.evaluate(() => performance.now());
    figures.startup.push(ready);
    await page.waitForTimeout(1500);
    figures.longest.push(await longestTaskBefore(page, ready));
    figures.people.push(await timed(page, navLink('People'), onScreen('/people', 'People')));
    await timed(page, navLink('Today'), onScreen('/', 'Today'));
    await page.waitForTimeout(300);
    figures.insights.push(await timed(page, navLink('Insights'), "document.getElementById('questions-heading')"));
    await page.waitForTimeout(500);
    const filter = await timedFilterChange(page);
    if (filter !== undefined) figures.filter.push(filter);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
for (const { origin, figures } of builds) {
  console.log(origin);
  for (const [name, values] of Object.entries(figures)) {
    if (values.length) console.log(`  ${name}: ${Math.round(median(values))} ms [${values.map(Math.round).join(' ')}]`);
  }
}
await browser.close();
