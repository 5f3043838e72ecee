#!/usr/bin/env bash
# Installs what is missing, then runs every check and test tier. Stops at
# the first failure with a non-zero exit.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
started=$(date +%s)
scripts/install.sh all

step "Formatting (cargo fmt --check)"
cargo fmt --check

step "Lints, native (cargo clippy)"
cargo clippy --all-targets --quiet -- -D warnings

step "Lints, wasm32 (cargo clippy)"
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "Unit tests: domain and storage, native (cargo test)"
cargo test --quiet

step "Browser tests: real localStorage and mounted components (wasm-bindgen-test, headless Chromium)"
# The runner picks geckodriver before chromedriver when both are installed.
CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown --test web

step "Release build, and its size against the budget"
scripts/build.sh
node scripts/check-size.mjs dist

step "End-to-end journeys and accessibility (Playwright, Chromium, phone viewport)"
npx playwright test

step "Smoke journey in Firefox ESR and WebKitGTK (WebDriver)"
node tests/engines/smoke.mjs firefox webkit

step "All test tiers passed in $(( $(date +%s) - started )) s"
