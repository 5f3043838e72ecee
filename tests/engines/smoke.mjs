// A smoke journey in Firefox ESR and WebKitGTK against the release build in
// dist/. Playwright drives only its own patched builds of these engines,
// which cannot be installed here, so this speaks W3C WebDriver over HTTP to
// geckodriver and WebKitWebDriver. In each engine: load, add a person,
// reload and find them; go offline by stopping the server, open a deep link
// and reload from the service worker's cache; start the meeting timer; and
// no error in the console.
//
// Usage: node tests/engines/smoke.mjs firefox|webkit …
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const engines = {
  firefox: {
    driver: ['geckodriver', (port) => ['--port', String(port)]],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        // The page's console goes to the browser's output, read below; the
        // browser's own messages (its update and sync calls) do not.
        prefs: {
          'devtools.console.stdout.content': true,
          'devtools.console.stdout.chrome': false,
        },
      },
    },
    consoleError: /^(console\.error:|JavaScript error:)/,
  },
  webkit: {
    // WebKitGTK needs a display; xvfb-run gives it one.
    driver: ['xvfb-run', (port) => ['--auto-servernum', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
    // Read from the page instead: see Browser.appShown.
    consoleError: null,
  },
};

let nextPort = 4300;

function start(command, args, output) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout.on('data', (chunk) => output.push(String(chunk)));
  child.stderr.on('data', (chunk) => output.push(String(chunk)));
  return child;
}

function stop(child) {
  // The whole group: xvfb-run's Xvfb and the browser with the driver.
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}

async function untilReady(url) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`nothing answers at ${url}`);
}

class Browser {
  constructor(base, session) {
    this.base = `${base}/session/${session}`;
    this.errors = [];
  }

  static async open(base, capabilities) {
    const value = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Browser(base, value.sessionId);
  }

  send(method, path, body) {
    return call(this.base, method, path, body);
  }

  run(script, ...args) {
    return this.send('POST', '/execute/sync', { script, args });
  }

  async waitFor(what, script, ...args) {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        if (await this.run(script, ...args)) return;
      } catch {
        // The page may be between documents.
      }
      await sleep(200);
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  go(url) {
    return this.send('POST', '/url', { url });
  }

  async appShown() {
    await this.waitFor(
      'the app',
      // Neither the static first screen nor Today drawn from its glance.
      `return !document.getElementById('skeleton') && !document.getElementById('glance') && !!document.querySelector('nav[aria-label="Main"]')`,
    );
    await this.collectErrors();
    // WebKitGTK's driver cannot read the console: it has no WebDriver BiDi,
    // and the windows it opens ignore MiniBrowser's console-to-stdout
    // setting. So each page also reports its own errors from here on; an
    // error before this point shows as an app that never appears.
    await this.run(`
      if (window.__smokeErrors) return;
      window.__smokeErrors = [];
      const note = (text) => window.__smokeErrors.push(String(text));
      addEventListener('error', (e) => note(e.message));
      addEventListener('unhandledrejection', (e) => note(e.reason));
      document.addEventListener('securitypolicyviolation', (e) => note('CSP: ' + e.violatedDirective));
      const error = console.error;
      console.error = (...args) => { note(args.join(' ')); error.apply(console, args); };`);
  }

  /** Errors reported by the page since the last call; kept on `errors`. */
  async collectErrors() {
    const found = await this.run('const found = window.__smokeErrors ?? []; window.__smokeErrors = window.__smokeErrors && []; return found;');
    // A page that is just going away answers null.
    this.errors.push(...(found ?? []));
  }

  async heading(text) {
    await this.waitFor(`the heading “${text}”`, `return document.querySelector('main h1')?.textContent.trim() === arguments[0]`, text);
  }

  // A control as a person finds it: by its role and the name it shows or
  // is given.
  async control(role, name) {
    await this.waitFor(`the ${role} “${name}”`, `
      const [role, name] = arguments;
      const selectors = { button: 'button, [role=button]', link: 'a[href]', textbox: 'input, textarea' };
      const nameOf = (e) => {
        if (e.getAttribute('aria-label')) return e.getAttribute('aria-label');
        if (e.labels && e.labels.length) return e.labels[0].textContent;
        return e.textContent;
      };
      const shown = [...document.querySelectorAll(selectors[role])]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => [e, nameOf(e).replace(/\\s+/g, ' ').trim()]);
      // Exactly the name, or else a name that starts with it, like a list
      // row that also shows a role and a stage.
      const found = (shown.find(([, text]) => text === name) ?? shown.find(([, text]) => text.startsWith(name)))?.[0];
      if (found) window.__smokeFound = found;
      return !!found;`, role, name);
    const element = await this.run('return window.__smokeFound');
    return Object.values(element)[0];
  }

  async click(role, name) {
    const id = await this.control(role, name);
    await this.send('POST', `/element/${id}/click`, {});
  }

  async type(label, text) {
    const id = await this.control('textbox', label);
    await this.send('POST', `/element/${id}/value`, { text });
  }

  close() {
    return this.send('DELETE', '', undefined).catch(() => {});
  }
}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const { value } = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${value?.error}: ${value?.message}`);
  return value;
}

// Each message with the lines that continue it. The browser's own messages
// (its failed update checks on a closed network) name its internal
// resource:// or chrome:// files; the page's never do.
function pageErrors(log, isError) {
  const messages = [];
  for (const line of log.split('\n')) {
    if (/^\s/.test(line) && messages.length) messages[messages.length - 1] += `\n${line}`;
    else messages.push(line);
  }
  return messages.filter((message) => isError.test(message) && !/resource:\/\/|chrome:\/\//.test(message));
}

async function journey(name) {
  const engine = engines[name];
  const output = [];
  const appPort = nextPort++;
  const driverPort = nextPort++;
  const origin = `http://127.0.0.1:${appPort}`;
  const server = start('node', ['scripts/serve.mjs', 'dist', String(appPort)], []);
  const driver = start(engine.driver[0], engine.driver[1](driverPort), output);
  let browser;
  const step = (text) => console.log(`  ${name}: ${text}`);
  try {
    await untilReady(origin);
    await untilReady(`http://127.0.0.1:${driverPort}/status`);
    browser = await Browser.open(`http://127.0.0.1:${driverPort}`, engine.capabilities);
    await browser.send('POST', '/window/rect', { width: 500, height: 900 });

    step('load, add a person, reload');
    await browser.go(`${origin}/`);
    await browser.appShown();
    await browser.heading('Today');
    await browser.click('link', 'People');
    await browser.click('link', 'Add person');
    await browser.type('Name', 'Ana Silva');
    await browser.click('button', 'Add person');
    await browser.heading('Ana Silva');
    await browser.run('location.reload()');
    await browser.appShown();
    await browser.heading('Ana Silva');

    step('offline: a deep link and a reload from the service worker');
    await browser.waitFor('the service worker', 'return !!navigator.serviceWorker.controller');
    stop(server);
    await sleep(300);
    await browser.go(`${origin}/queue`);
    await browser.appShown();
    await browser.heading('Follow-ups');
    // A person's reload: the driver's own refresh command missed the
    // worker in Firefox.
    await browser.run('location.reload()');
    await browser.appShown();
    await browser.heading('Follow-ups');
    await browser.click('link', 'People');
    await browser.click('link', 'Ana Silva');
    await browser.heading('Ana Silva');

    step('the meeting timer');
    await browser.click('button', 'Plan a chat');
    await browser.click('link', 'Open the meeting screen');
    await browser.heading('Meeting Ana Silva');
    await browser.click('button', 'Start timer');
    await browser.waitFor(
      'the timer to count down',
      `const digits = document.querySelector('[role=timer]')?.textContent;
       return digits && digits !== '10:00' && digits < '10:00';`,
    );
    await browser.waitFor('the phase', `return document.querySelector('.phase-label')?.textContent === 'Small talk'`);

    const crashed = await browser.run(`return !document.getElementById('crash').hidden`);
    if (crashed) throw new Error('the crash screen showed');
    await sleep(500);
    await browser.collectErrors();
    const error = browser.errors[0] ?? (engine.consoleError && pageErrors(output.join(''), engine.consoleError)[0]);
    if (error) throw new Error(`a console error: ${error}`);
    step('passed');
  } catch (problem) {
    console.error(output.join('').split('\n').slice(-30).join('\n'));
    throw new Error(`${name}: ${problem.message}`);
  } finally {
    await browser?.close();
    stop(driver);
    stop(server);
  }
}

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(engines)) {
  if (!engines[name]) throw new Error(`unknown engine ${name}; use firefox or webkit`);
  await journey(name);
}
