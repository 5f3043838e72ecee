// Size gate, run by scripts/test.sh after the release build: fails when
// what a first visit downloads (every built file but the icons, the
// screenshots, the manifest and the service worker, as counted by
// scripts/bench-size.sh) grows past the budget, brotli -q 11.
//
// The budget sits just above the size recorded in BENCHMARKS.md. Lower it
// when the app shrinks; raise it only with the reason written there.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const BUDGET_BYTES = 425_000;
const dist = process.argv[2] ?? 'dist';
const later = /^(icons|screenshots)\/|^(manifest\.webmanifest|sw\.js)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let total = 0;
for (const path of walk(dist)) {
  const name = relative(dist, path).split(sep).join('/');
  if (later.test(name)) continue;
  total += brotliCompressSync(readFileSync(path), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
}
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
if (total > BUDGET_BYTES) {
  console.error(`First load is ${kb(total)} brotli, over the budget of ${kb(BUDGET_BYTES)}.`);
  process.exit(1);
}
console.log(`First load ${kb(total)} brotli, within the budget of ${kb(BUDGET_BYTES)}.`);
