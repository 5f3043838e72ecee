#!/usr/bin/env bash
# The catalogue against leptos_i18n: builds one page that shows every text
# of i18n/en.json once, through the app's catalogue and through leptos_i18n
# 0.6.2 in three set-ups, and prints each page's wasm and JS glue, raw and
# brotli (-q 11), after wasm-bindgen and wasm-opt -Oz as in the release.
# Takes about 12 minutes. Record the figures in BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh all >&2

work="$ROOT/target/i18n-compare"
rm -rf "$work/crates" "$work/out"
python3 scripts/i18n-compare.py "$ROOT" "$work/crates"
export CARGO_TARGET_DIR="$work/target"
printf '| page | wasm raw | wasm brotli | JS brotli | wasm + JS brotli |\n|---|---:|---:|---:|---:|\n'
for crate in ours leptos_i18n_default leptos_i18n_lean leptos_i18n_strings; do
  (cd "$work/crates/$crate" && cargo build --quiet --release --target wasm32-unknown-unknown) >&2
  out="$work/out/$crate"
  mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$crate.wasm"
  wasm-opt -Oz "$out/${crate}_bg.wasm" -o "$out/page.wasm"
  raw=$(wc -c <"$out/page.wasm")
  wasm_br=$(brotli -q 11 -c "$out/page.wasm" | wc -c)
  js_br=$(brotli -q 11 -c "$out/$crate.js" | wc -c)
  printf '| %s | %d | %d | %d | %d |\n' "$crate" "$raw" "$wasm_br" "$js_br" $((wasm_br + js_br))
done
fr=$(brotli -q 11 -c dist/fr.json 2>/dev/null | wc -c || true)
printf '\nThe French file the app fetches beside its wasm (dist/fr.json, brotli): %s bytes\n' "${fr:-not built}"
