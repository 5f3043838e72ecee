// What the scale benchmark and the A/B comparison time with: an action run
// in the page, timed to the frame after its result shows.

/** Runs `action` in the page and times it to the frame after `ready` holds. */
export async function timed(page, action, ready) {
  return page.evaluate(
    async ([action, ready]) => {
      const act = new Function(action);
      const isReady = new Function(`return (${ready});`);
      const start = performance.now();
      act();
      while (!isReady()) {
        if (performance.now() - start > 30_000) throw new Error(`not ready: ${ready}`);
        await new Promise((r) => requestAnimationFrame(r));
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - start;
    },
    [action, ready],
  );
}

export const click = (selector) => `document.querySelector(${JSON.stringify(selector)}).click();`;
export const navLink = (name) =>
  `[...document.querySelectorAll('nav[aria-label="Main"] a')].find((a) => a.textContent.trim().startsWith(${JSON.stringify(name)})).click();`;
export const onScreen = (path, heading) =>
  `location.pathname + location.search === ${JSON.stringify(path)} && document.querySelector('main h1')?.textContent === ${JSON.stringify(heading)}`;
