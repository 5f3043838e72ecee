#!/usr/bin/env bash
# Speed benchmark: builds the release, serves it as scripts/serve.mjs does
# (brotli, cache headers) and runs Lighthouse's mobile profile against a
# cold first visit, three times. Prints the performance score, First
# Contentful Paint, Largest Contentful Paint and Total Blocking Time of
# each run. Record the figures in BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh all >&2
scripts/build.sh >&2
port=4190
node scripts/serve.mjs dist "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
out=$(mktemp -d)
for run in 1 2 3; do
  # Lighthouse 12 is the last line that runs on Node 20; fetched on demand
  # so the test install stays small.
  CHROME_PATH="$CHROMIUM_PATH" npx --yes lighthouse@12.8.2 "http://127.0.0.1:$port/" \
    --quiet --only-categories=performance --output=json --output-path="$out/run$run.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-background-networking --disable-component-update" >&2
  node -e '
    const r = require(process.argv[1]);
    const a = r.audits;
    const ms = (id) => Math.round(a[id].numericValue);
    console.log(`run ${process.argv[2]}: performance ${Math.round(r.categories.performance.score * 100)}, FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms`);
  ' "$out/run$run.json" "$run"
done
