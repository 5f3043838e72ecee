#!/usr/bin/env bash
# Regenerates the install sheet's screenshots in public/screenshots/ from
# the real app and the sample data (examples/sample_data.rs), in English
# and in French. Run it after changing Today, Meet or Queue, then rebuild.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh all >&2
scripts/build.sh >&2
data=target/screenshots
mkdir -p "$data" public/screenshots
cargo run --quiet --example sample_data >"$data/sample.json"
cargo run --quiet --example sample_data -- fr dist/fr.json >"$data/sample.fr.json"
port=4192
node scripts/serve.mjs dist "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
CHROMIUM_PATH="$CHROMIUM_PATH" node scripts/screenshots.mjs "http://127.0.0.1:$port" "$data" public/screenshots
