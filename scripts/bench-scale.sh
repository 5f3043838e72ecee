#!/usr/bin/env bash
# Scale benchmark: builds the release, writes three datasets through the
# app's own commands and storage (empty; 10 people, 10 chats, 50 notes; and
# a year's worth: 500 people, 1,000 chats, 5,000 notes; 10 and 200
# targets), then measures each in headless Chromium at 360x740 with the CPU
# slowed 4x: startup to Today on screen and to the app ready for taps (and
# the longest task before it), opening People, a search keystroke, opening
# Insights and two of its sections, a filter change, opening Settings and a
# keystroke there, opening the queue, opening Targets from Today, a note
# keystroke and the characters it writes, the JS heap and the wasm memory.
# Each action is timed to the end of the frame that first shows its result;
# screen changes also to the end of the frame after, as they were first
# timed. Medians of five; prints the ratios.
# Record the figures in BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh all >&2
scripts/build.sh >&2
data=target/bench-scale
mkdir -p "$data"
cargo build --release --quiet --example scale_data >&2
target/release/examples/scale_data 10 10 50 10 >"$data/small.json"
target/release/examples/scale_data 500 1000 5000 200 >"$data/large.json"
port=4191
node scripts/serve.mjs dist "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
CHROMIUM_PATH="$CHROMIUM_PATH" node scripts/bench-scale.mjs "http://127.0.0.1:$port" \
  empty "small=$data/small.json" "large=$data/large.json"
