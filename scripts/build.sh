#!/usr/bin/env bash
# Release build into dist/ (wasm-opt -Oz, hashed file names, service worker
# precache list written by scripts/post-build.mjs).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
# Trunk runs offline so it can never reach for a download; fetch crates first.
cargo fetch --quiet
trunk build --release
