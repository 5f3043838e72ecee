# Sourced by the other scripts: puts the project's tools on PATH.
# wasm-opt comes from npm's binaryen, and must come before any other copy
# (Debian's binaryen 108 produces wasm that Chromium rejects).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must use the tools installed here, never download its own.
export TRUNK_OFFLINE=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
step() { printf '\n==> %s\n' "$*"; }
