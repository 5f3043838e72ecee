#!/usr/bin/env bash
# Installs what is missing and skips what is already there.
#   scripts/install.sh build   what building the app needs
#   scripts/install.sh all     that, plus the browsers for the tests
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
want="${1:-all}"

TRUNK_VERSION=0.21.14
# Debian 12 does not package geckodriver, Firefox's WebDriver.
GECKODRIVER_VERSION=0.37.1
# The CLI must be exactly the wasm-bindgen version in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print }' Cargo.lock)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v cargo >/dev/null; then
  echo "cargo is missing: install Rust with rustup first (https://rustup.rs)." >&2
  exit 1
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing: install Node.js 20 or later first." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "Adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "Adding $component"
    rustup component add "$component"
  fi
done

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "Installing Trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install --locked --force trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: its lockfile names a crate version this registry lacks.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if ! cmp -s package-lock.json node_modules/.installed-lock.json; then
  step "Installing npm packages (wasm-opt, Playwright, axe-core)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.installed-lock.json
fi

if [ "$want" = all ]; then
  if ! [ -x /usr/bin/chromium ] || ! command -v chromedriver >/dev/null; then
    step "Installing Chromium and ChromeDriver from Debian"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium chromium-driver
  fi
  if ! command -v firefox-esr >/dev/null || ! command -v WebKitWebDriver >/dev/null || ! command -v xvfb-run >/dev/null; then
    step "Installing Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian (for the smoke tier)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends firefox-esr webkit2gtk-driver xvfb xauth
  fi
  if [ "$(geckodriver --version 2>/dev/null | head -n 1)" != "geckodriver $GECKODRIVER_VERSION" ]; then
    step "Installing geckodriver $GECKODRIVER_VERSION (about 3 minutes)"
    cargo install --locked --force geckodriver --version "$GECKODRIVER_VERSION"
  fi
  if ! command -v brotli >/dev/null; then
    step "Installing brotli (for the size benchmark)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends brotli
  fi
fi
