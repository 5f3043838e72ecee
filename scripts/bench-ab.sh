#!/usr/bin/env bash
# A/B speed comparison of the working tree against another commit, for
# changes whose effect is smaller than this machine's run-to-run spread.
# Builds both releases, serves them side by side and times them turn about
# on the scale benchmark's large dataset (startup and the longest task
# before the app is ready, opening People and Insights, a filter change;
# 4x CPU; medians).
# Usage: scripts/bench-ab.sh COMMIT [ROUNDS]
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
base=${1:?usage: scripts/bench-ab.sh COMMIT [ROUNDS]}
rounds=${2:-7}
scripts/install.sh all >&2
scripts/build.sh >&2
work=target/bench-ab
rm -rf "$work" && mkdir -p "$work"
git worktree add --force --detach "$work/base" "$base" >&2
trap 'git worktree remove --force "$work/base"' EXIT
ln -s "$ROOT/node_modules" "$work/base/node_modules"
(cd "$work/base" && CARGO_TARGET_DIR="$ROOT/target/bench-ab-target" scripts/build.sh >&2)
cargo build --release --quiet --example scale_data >&2
target/release/examples/scale_data 500 1000 5000 >"$work/large.json"
node scripts/serve.mjs "$work/base/dist" 4193 >/dev/null 2>&1 &
base_server=$!
node scripts/serve.mjs dist 4194 >/dev/null 2>&1 &
head_server=$!
trap 'kill $base_server $head_server; git worktree remove --force "$work/base"' EXIT
sleep 1
echo "A = $base, B = working tree"
node scripts/bench-ab.mjs "$work/large.json" "$rounds" http://127.0.0.1:4193 http://127.0.0.1:4194
