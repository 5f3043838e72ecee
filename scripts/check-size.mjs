// Size gate, run by scripts/test.sh after the release build: fails when
// what a first visit downloads (scripts/built-files.mjs, as the size
// benchmark counts it) grows past the budget, brotli -q 11.
//
// The budget sits just above the size recorded in BENCHMARKS.md. Lower it
// when the app shrinks; raise it only with the reason written there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { builtFiles, isFirstLoad } from './built-files.mjs';

const BUDGET_BYTES = 390_000;
const dist = process.argv[2] ?? 'dist';

let total = 0;
for (const name of builtFiles(dist).filter(isFirstLoad)) {
  total += brotliCompressSync(readFileSync(join(dist, name)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
}
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
if (total > BUDGET_BYTES) {
  console.error(`First load is ${kb(total)} brotli, over the budget of ${kb(BUDGET_BYTES)}.`);
  process.exit(1);
}
console.log(`First load ${kb(total)} brotli, within the budget of ${kb(BUDGET_BYTES)}.`);
