#!/usr/bin/env bash
# Size benchmark: builds the release and prints every built file's raw,
# gzip (-9) and brotli (-q 11) size, the first-load total (what a first
# visit downloads before the app runs) and the total of all files.
# Record the figures in BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh all >&2
scripts/build.sh >&2

first_load=$(node --input-type=module -e "
  import { builtFiles, isFirstLoad } from './scripts/built-files.mjs';
  console.log(builtFiles('dist').filter(isFirstLoad).join('\n'));")
cd dist
printf '| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n'
total_raw=0 total_gz=0 total_br=0 first_raw=0 first_gz=0 first_br=0
while IFS= read -r file; do
  raw=$(wc -c <"$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '| %s | %d | %d | %d |\n' "${file#./}" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  # What counts as first load: scripts/built-files.mjs, as the size gate.
  if grep -qxF "${file#./}" <<<"$first_load"; then
    first_raw=$((first_raw + raw)) first_gz=$((first_gz + gz)) first_br=$((first_br + br))
  fi
done < <(find . -type f | sort)
printf '| **first load** | **%d** | **%d** | **%d** |\n' "$first_raw" "$first_gz" "$first_br"
printf '| all files | %d | %d | %d |\n' "$total_raw" "$total_gz" "$total_br"
