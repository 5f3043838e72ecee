// What the scale benchmark and the A/B comparison time with: a phone-sized
// page holding a dataset, and an action run in it, timed to the frame that
// shows its result.

/**
 * A 360x740 page of `origin` with `entries` in its localStorage and the CPU
 * slowed 4x, which records its long tasks (see `longestTaskBefore`);
 * `instrument`, if given, runs before any of the app's code.
 */
export async function phonePage(browser, origin, entries, instrument) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    timezoneId: 'America/Toronto',
    serviceWorkers: 'block',
    // The timed actions are passed as text and built with `new Function`.
    bypassCSP: true,
  });
  await context.addInitScript(recordLongTasks);
  if (instrument) await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${origin}/manifest.webmanifest`);
  await page.evaluate((entries) => {
    localStorage.clear();
    for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value);
  }, entries);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

/** In the page, before any of the app's code: every long task (over 50 ms). */
function recordLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries()) window.__longTasks.push([task.startTime, task.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * The longest task that began before `time` (the page's clock), or 0: for
 * `time` the app ready for taps, how long a tap during the start could
 * have to wait. Read a while after `time`: the page learns of a long task
 * some time after it ends.
 */
export async function longestTaskBefore(page, time) {
  return page.evaluate(
    (time) => Math.max(0, ...window.__longTasks.filter(([start]) => start < time).map(([, duration]) => duration)),
    time,
  );
}

/**
 * Runs `action` in the page and times it to the end of the frame that first
 * shows the result (when `ready` holds), and to the end of the frame after.
 * The check waits for the first frame, since a screen is built in a
 * microtask after the tap: checking at once would count one frame more
 * for a screen change than for a keystroke. The second figure is how
 * screen changes were first timed, kept beside the first.
 */
export async function timedFrames(page, action, ready) {
  return page.evaluate(
    async ([action, ready]) => {
      const act = new Function(action);
      const isReady = new Function(`return (${ready});`);
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const afterFrame = () => new Promise((r) => setTimeout(r, 0));
      const start = performance.now();
      act();
      do {
        if (performance.now() - start > 30_000) throw new Error(`not ready: ${ready}`);
        await frame();
      } while (!isReady());
      await afterFrame();
      const shown = performance.now() - start;
      await frame();
      await afterFrame();
      return [shown, performance.now() - start];
    },
    [action, ready],
  );
}

/** Runs `action` in the page and times it to the frame that shows it. */
export async function timed(page, action, ready) {
  const [shown] = await timedFrames(page, action, ready);
  return shown;
}

export const click = (selector) => `document.querySelector(${JSON.stringify(selector)}).click();`;
export const navLink = (name) =>
  `[...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent.trim().startsWith(${JSON.stringify(name)})).click();`;
export const onScreen = (path, heading) =>
  `location.pathname + location.search === ${JSON.stringify(path)} && document.querySelector('main h1')?.textContent === ${JSON.stringify(heading)}`;

/**
 * On Insights, opens Advice and picks the first organisation in its filter;
 * the time of that pick, or undefined when there is none to pick.
 */
export async function timedFilterChange(page) {
  await timed(page, click('a[href="/insights?section=advice"]'), "document.getElementById('debriefs-heading')");
  const organisation = await page.evaluate(() => document.querySelector('#filter-organisation option:nth-child(2)')?.value);
  if (organisation === undefined) return undefined;
  return timed(
    page,
    `const s = document.getElementById('filter-organisation'); s.value = ${JSON.stringify(organisation)}; s.dispatchEvent(new Event('change', { bubbles: true }));`,
    'true',
  );
}
