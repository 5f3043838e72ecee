import { chromium, expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPerson, openApp, waitForApp } from './helpers';

async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

test('after one online visit the app opens and works with the network off', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorker(page);
  await addPerson(page, 'Ana Silva');

  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();

  // A deep link typed while offline, and a new person added offline.
  await page.goto('/people');
  await waitForApp(page);
  await expect(page.locator('.person-name')).toHaveText(['Ana Silva']);
  await addPerson(page, 'Ben Okafor');
  await page.reload();
  await waitForApp(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Ben Okafor' })).toBeVisible();

  // Something shared from another app while offline still opens Add person.
  await page.goto('/people/new?title=Chlo%C3%A9%20Roy%20%7C%20LinkedIn&url=https%3A%2F%2Fexample.com%2Fchloe');
  await waitForApp(page);
  await expect(page.getByLabel('Name')).toHaveValue('Chloé Roy');
  await context.setOffline(false);
});

test('the app asks no other origin for anything and the page obeys its CSP', async ({ page }) => {
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('http://127.0.0.1:4173/')) foreign.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await openApp(page);
  await addPerson(page, 'Ana Silva');
  for (const screen of ['Today', 'Queue', 'Settings', 'People']) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen }).click();
  }
  expect(foreign).toEqual([]);
  expect(violations).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
});

test('the manifest makes the app installable, with screenshots, a monochrome icon and a share target', async ({ page, request }) => {
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({
    id: '/',
    short_name: 'Coffee Chat',
    display: 'standalone',
    start_url: '/',
    scope: '/',
    share_target: { action: '/people/new', method: 'GET', params: { title: 'title', text: 'text', url: 'url' } },
  });
  expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(['/meet', '/queue']);
  const sizes = manifest.icons.map((icon: { sizes: string; purpose: string }) => `${icon.sizes} ${icon.purpose}`);
  expect(sizes).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable', '512x512 monochrome']),
  );
  expect(manifest.screenshots.map((s: { src: string }) => s.src)).toEqual([
    '/screenshots/today.png',
    '/screenshots/meet.png',
    '/screenshots/queue.png',
  ]);
  for (const image of [...manifest.icons, ...manifest.screenshots]) {
    const response = await request.get(image.src);
    expect(response.headers()['content-type']).toBe('image/png');
    const png = await response.body();
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(`${width}x${height}`).toBe(image.sizes);
  }
  for (const screenshot of manifest.screenshots) {
    expect(screenshot).toMatchObject({ form_factor: 'narrow', type: 'image/png' });
    expect(screenshot.label.length).toBeGreaterThan(10);
  }
  // Chromium's own verdict, as its install menu sees the page. Test
  // contexts count as incognito, where nothing installs: use a profile.
  const profile = mkdtempSync(join(tmpdir(), 'coffee-chat-profile-'));
  const installable = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL: 'http://127.0.0.1:4173',
  });
  try {
    const tab = installable.pages()[0] ?? (await installable.newPage());
    await openApp(tab);
    await waitForServiceWorker(tab);
    const cdp = await installable.newCDPSession(tab);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await installable.close();
    rmSync(profile, { recursive: true, force: true });
  }
  await openApp(page);
  const precache = await (await request.get('/sw.js')).text();
  expect(precache).not.toContain('__PRECACHE_LIST__');
  expect(precache).toMatch(/\/coffee-chat-[0-9a-f]{8,16}_bg\.wasm/);
  // Only an install sheet fetches the screenshots: not part of going offline.
  expect(precache).toContain('/icons/monochrome-512.png');
  expect(precache).not.toContain('/screenshots/');
});

test('a new deployment offers "Update available" instead of switching under the user', async ({ browser }) => {
  // A copy of the build on its own port, so it can be "redeployed".
  const site = mkdtempSync(join(tmpdir(), 'coffee-chat-site-'));
  cpSync('dist', site, { recursive: true });
  const port = 4174 + test.info().workerIndex;
  const server: ChildProcess = spawn('node', ['scripts/serve.mjs', site, String(port)], { stdio: 'ignore' });
  try {
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    await expect
      .poll(async () => (await page.request.get('/').catch(() => null))?.ok() ?? false)
      .toBe(true);
    await openApp(page);
    await waitForServiceWorker(page);
    await addPerson(page, 'Ana Silva');

    const sw = join(site, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = '[^']*'/, "const VERSION = 'next'"));
    await page.reload();
    await waitForApp(page);
    await expect(page.getByText('Update available')).toBeVisible({ timeout: 20_000 });
    // Nothing switched yet: the person is still on screen.
    await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();

    await page.getByRole('button', { name: 'Reload to update' }).click();
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return !!registration?.active && !registration.waiting;
    });
    await waitForApp(page);
    await expect(page.getByText('Update available')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Ana Silva' })).toBeVisible();
    await context.close();
  } finally {
    server.kill();
    rmSync(site, { recursive: true, force: true });
  }
});
