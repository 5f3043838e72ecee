// Scale benchmark: how the app behaves with a year of data against a small
// list and an empty one, in headless Chromium at a phone viewport with the
// CPU slowed 4×. Called by scripts/bench-scale.sh with the served origin and
// one JSON file of localStorage entries per dataset. Prints each figure as a
// median of five, then the ratios the speed goals are written in.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { click, longestTaskBefore, navLink, onScreen, phonePage, timed, timedFilterChange, timedFrames } from './bench-timing.mjs';

const [origin, ...datasets] = process.argv.slice(2);
const RUNS = 5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// Before any app code: count what is written to localStorage, keep a handle
// on the wasm memory, and note when Today first shows (from its glance, or
// from the records) and when the app that answers taps has taken its place.
const instrument = () => {
  window.__bytesWritten = 0;
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    window.__bytesWritten += String(key).length + String(value).length;
    return setItem.call(this, key, value);
  };
  const keep = (result) => {
    const instance = result.instance ?? result;
    if (instance?.exports?.memory) window.__wasmMemory = instance.exports.memory;
    return result;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...args) => streaming(...args).then(keep);
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => plain(...args).then(keep);
  const shown = () =>
    !document.getElementById('skeleton') && document.querySelector('nav[aria-label="Main"]') && document.querySelector('main h1');
  const frameAfter = (name) => requestAnimationFrame(() => setTimeout(() => (window[name] = performance.now()), 0));
  // The frame that paints it: the app's start may take the task after it.
  const frameOf = (name) => requestAnimationFrame(() => (window[name] = performance.now()));
  const watch = () => {
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      if (window.__todayShown === undefined) {
        window.__todayShown = true;
        frameOf('__appShownAt');
      }
      if (document.getElementById('glance')) return;
      observer.disconnect();
      frameAfter('__readyAt');
    });
    observer.observe(document, { childList: true, subtree: true });
  };
  watch();
};

async function measure(name, file) {
  console.error(`measuring ${name}…`);
  const entries = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH,
    args: ['--enable-precise-memory-info'],
  });
  const page = await phonePage(browser, origin, entries, instrument);

  const figures = { startup: [], ready: [], longest: [], people: [], search: [], insights: [], words: [], network: [], filter: [], settings: [], settingsKey: [], queue: [], targets: [], note: [], noteBytes: [] };
  // A screen change, to the frame that shows it and to the frame after.
  const opening = async (name, action, ready) => {
    const [shown, next] = await timedFrames(page, action, ready);
    figures[name].push(shown);
    (figures[`${name}Next`] ??= []).push(next);
  };
  let heap = 0;
  let wasm = 0;
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 120_000 });
    figures.startup.push(await page.evaluate(() => window.__appShownAt));
    const ready = await page.evaluate(() => window.__readyAt);
    figures.ready.push(ready);
    heap = await page.evaluate(() => performance.memory.usedJSHeapSize);
    wasm = await page.evaluate(() => window.__wasmMemory?.buffer.byteLength ?? 0);

    await opening('people', navLink('People'), onScreen('/people', 'People'));
    if (await page.evaluate(() => document.getElementById('people-search'))) {
      figures.search.push(
        await timed(
          page,
          `const box = document.getElementById('people-search'); box.value = 'an'; box.dispatchEvent(new Event('input', { bubbles: true }));`,
          'true',
        ),
      );
    }
    // From Today, so that leaving a long People list is not counted.
    await timed(page, navLink('Today'), onScreen('/', 'Today'));
    await opening('insights', navLink('Insights'), `${onScreen('/insights', 'Insights')} && document.getElementById('questions-heading')`);
    // A person reads the first section before tapping another.
    await page.waitForTimeout(1000);
    figures.longest.push(await longestTaskBefore(page, ready));
    await opening('words', click('a[href="/insights?section=words"]'), "document.getElementById('terms-heading')");
    await opening('network', click('a[href="/insights?section=network"]'), "document.getElementById('network-heading')");
    const filter = await timedFilterChange(page);
    if (filter !== undefined) figures.filter.push(filter);

    // Settings measures the storage the data takes; typing there must not.
    await opening('settings', navLink('Settings'), "document.getElementById('settings-signature')");
    await page.waitForTimeout(500);
    figures.settingsKey.push(
      await timed(
        page,
        `const box = document.getElementById('settings-signature'); box.focus(); box.value += 'x'; box.dispatchEvent(new Event('input', { bubbles: true }));`,
        'true',
      ),
    );
    await opening('queue', navLink('Queue'), "location.pathname === '/queue' && document.querySelector('main h1')");
    await timed(page, navLink('Today'), onScreen('/', 'Today'));
    // An empty Today welcomes instead, without the link.
    if (await page.evaluate(() => document.querySelector('a[href="/targets"]'))) {
      await opening('targets', click('a[href="/targets"]'), "location.pathname === '/targets' && document.querySelector('.target-list')");
    }

    // A booked chat: its meeting screen has the note field.
    const chat = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith('coffee-chat/chat/'))
        .map((key) => JSON.parse(localStorage.getItem(key)))
        .find((chat) => chat.history.at(-1).stage === 'booked')?.id,
    );
    if (chat) {
      await page.goto(`${origin}/chats/${chat}/meet`);
      await page.waitForFunction(() => document.getElementById('quick-note'), null, { timeout: 120_000 });
      await page.waitForTimeout(500);
      const before = await page.evaluate(() => window.__bytesWritten);
      figures.note.push(
        await timed(
          page,
          `const box = document.getElementById('quick-note'); box.focus(); box.value += 'x'; box.dispatchEvent(new Event('input', { bubbles: true }));`,
          'true',
        ),
      );
      await page.waitForTimeout(600);
      figures.noteBytes.push((await page.evaluate(() => window.__bytesWritten)) - before);
    }
  }
  await browser.close();
  const result = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.length ? median(v) : null]));
  result.heap = heap;
  result.wasm = wasm;
  result.keys = Object.keys(entries).length;
  result.chars = Object.entries(entries).reduce((n, [k, v]) => n + k.length + v.length, 0);
  return [name, result];
}

const results = {};
for (const spec of datasets) {
  const [name, file] = spec.split('=');
  const [, result] = await measure(name, file);
  results[name] = result;
  const ms = (v) => (v == null ? '–' : `${v.toFixed(0)} ms`);
  const opened = (name) => `${ms(result[name])} (${ms(result[`${name}Next`])} to the frame after)`;
  console.log(
    `${name}: ${result.keys} keys, ${(result.chars / 1e6).toFixed(2)} M chars | Today on screen ${ms(result.startup)} | app ready ${ms(result.ready)}, longest task before it ${ms(result.longest)} | open People ${opened('people')} | search keystroke ${ms(result.search)} | open Insights ${opened('insights')} | Words ${opened('words')} | Network ${opened('network')} | filter ${ms(result.filter)} | open Settings ${opened('settings')} | Settings keystroke ${ms(result.settingsKey)} | open Queue ${opened('queue')} | open Targets ${opened('targets')} | note keystroke ${ms(result.note)}, ${result.noteBytes ?? '–'} chars written | JS heap ${(result.heap / 1e6).toFixed(1)} MB | wasm memory ${(result.wasm / 1e6).toFixed(1)} MB`,
  );
}
const { empty, small, large } = results;
const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '–');
if (empty && large) {
  console.log(`Today on screen, large over empty: ${ratio(large.startup, empty.startup)}×`);
  console.log(`app ready, large over empty: ${ratio(large.ready, empty.ready)}×`);
}
if (small && large) {
  console.log(`open People, large over small: ${ratio(large.people, small.people)}×`);
  console.log(`open Insights, large over small: ${ratio(large.insights, small.insights)}×`);
  console.log(`open Settings, large over small: ${ratio(large.settings, small.settings)}×`);
  console.log(`Settings keystroke, large over small: ${ratio(large.settingsKey, small.settingsKey)}×`);
  console.log(`open Queue, large over small: ${ratio(large.queue, small.queue)}×`);
  console.log(`open Targets, large over small: ${ratio(large.targets, small.targets)}×`);
  console.log(`chars written per note keystroke, large over small: ${ratio(large.noteBytes, small.noteBytes)}×`);
}
