// Trunk post_build hook: runs on the staging directory after wasm-opt.
// 1. Moves Trunk's inline loader script into a file, so the
//    Content-Security-Policy can forbid inline scripts, and makes it start
//    the wasm only after the first paint: the static first screen in
//    index.html is what a visitor sees first, and the wasm download must
//    not compete with it (so the wasm preload goes too).
// 2. Ships the French catalogue, and the English one whose texts past the
//    first screens the wasm leaves out (build.rs), each as a list: the
//    keys' fingerprint, then the texts in key order (what src/i18n reads;
//    build.rs computes the same fingerprint), so the wasm carries no key
//    names.
// 3. Ships the ask rules without their comment lines, which are for
//    whoever edits the rules, not for the phone, and with the learned
//    scorer's weights (src/domain/asks_scorer.txt) after them, so that one
//    fetch brings both.
// 4. Ships the stylesheet, index.html and first-paint.js without their
//    comments, which are for whoever edits them (some 1.2 KB of the first
//    load).
// 5. Writes the precache list and a content hash into sw.js.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtFiles } from './built-files.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set; run through trunk build');
  process.exit(1);
}

const english = JSON.parse(readFileSync('i18n/en.json', 'utf8'));
const french = JSON.parse(readFileSync('i18n/fr.json', 'utf8'));
const keys = Object.keys(english).sort();
let fingerprint = 0xcbf29ce484222325n;
for (const byte of Buffer.from(keys.map((key) => `${key}\n`).join(''), 'utf8')) {
  fingerprint = ((fingerprint ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
}
if (keys.some((key) => typeof french[key] !== 'string')) {
  console.error('post-build: i18n/fr.json lacks a key of i18n/en.json');
  process.exit(1);
}
for (const [name, catalogue] of [['fr.json', french], ['en.json', english]]) {
  writeFileSync(
    join(staging, name),
    JSON.stringify([fingerprint.toString(16).padStart(16, '0'), ...keys.map((key) => catalogue[key])]),
  );
}

// A rule flags when any of its patterns reads the text, so their order is
// free: sorted, like patterns sit side by side and brotli takes some 120
// bytes fewer than in the source's order, which groups them by the test
// half that showed them missing.
const rulesPath = join(staging, 'asks_rules.txt');
const sections = [];
for (const line of (readFileSync(rulesPath, 'utf8') + readFileSync('src/domain/asks_scorer.txt', 'utf8')).split('\n')) {
  if (!line.trim() || line.startsWith('#')) continue;
  const declares = /^(rule|class|fixed|scorer) /.test(line);
  if (declares || sections.length === 0) sections.push({ head: line, patterns: [] });
  else sections.at(-1).patterns.push(line);
}
writeFileSync(
  rulesPath,
  sections.map(({ head, patterns }) => [head, ...patterns.sort()].join('\n')).join('\n') + '\n',
);

const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
// Resolves at the first paint (Paint Timing), at once where nothing will be
// painted soon (a hidden tab) or paints are not reported, and after half a
// second at the latest.
const afterFirstPaint = `await new Promise((started) => {
  const paints = typeof PerformanceObserver === 'function' ? PerformanceObserver.supportedEntryTypes ?? [] : [];
  if (document.visibilityState !== 'visible' || !paints.includes('paint')) return started();
  new PerformanceObserver((_, observer) => {
    observer.disconnect();
    started();
  }).observe({ type: 'paint', buffered: true });
  setTimeout(started, 500);
});
`;
for (const [tag, original] of scripts) {
  const start = original.indexOf('const wasm = await init(');
  if (start < 0) {
    console.error('post-build: the loader no longer calls init() the way this hook expects');
    process.exit(1);
  }
  const body = original.slice(0, start) + afterFirstPaint + original.slice(start);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(staging, name), body.trim() + '\n');
  html = html.replace(tag, `<script type="module" src="/${name}"></script>`);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('post-build: an inline script is left in index.html; the CSP would block it');
  process.exit(1);
}
const preload = /\s*<link rel="preload" href="[^"]+\.wasm"[^>]*>/;
if (!preload.test(html)) {
  console.error('post-build: no wasm preload found to remove; has Trunk changed its output?');
  process.exit(1);
}
html = html.replace(preload, '');

html = html.replace(/\s*<!--[\s\S]*?-->/g, '');
const stylesheet = /<link rel="stylesheet" href="\/([^"]+\.css)" integrity="([^"]+)"\/?>/;
const linked = html.match(stylesheet);
if (!linked) {
  console.error('post-build: no stylesheet link with an integrity hash; has Trunk changed its output?');
  process.exit(1);
}
const cssPath = join(staging, linked[1]);
const css = readFileSync(cssPath, 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '')
  .replace(/\n\s*\n/g, '\n');
writeFileSync(cssPath, css);
const integrity = `sha384-${createHash('sha384').update(css).digest('base64')}`;
html = html.replace(linked[0], linked[0].replace(linked[2], integrity));
writeFileSync(indexPath, html);
const firstPaintPath = join(staging, 'first-paint.js');
writeFileSync(firstPaintPath, readFileSync(firstPaintPath, 'utf8').replace(/^\s*\/\/.*\n/gm, ''));

const files = builtFiles(staging)
  .map((name) => `/${name}`)
  .filter((url) => url !== '/sw.js');
const version = createHash('sha256');
for (const url of files) {
  version.update(url).update('\0').update(readFileSync(join(staging, url))).update('\0');
}
// The screenshots are for an install sheet, which fetches them from the
// network; no one needs them offline.
const precache = files.filter((url) => !url.startsWith('/screenshots/'));
const swPath = join(staging, 'sw.js');
const sw = readFileSync(swPath, 'utf8')
  .replace('__BUILD_VERSION__', version.digest('hex').slice(0, 16))
  .replace('__PRECACHE_LIST__', JSON.stringify(precache));
if (sw.includes('__BUILD_VERSION__') || sw.includes('__PRECACHE_LIST__')) {
  console.error('post-build: sw.js placeholders were not replaced');
  process.exit(1);
}
writeFileSync(swPath, sw);
console.log(`post-build: ${scripts.length} loader script(s) moved out; ${precache.length} files precached`);
