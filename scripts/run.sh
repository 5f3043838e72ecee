#!/usr/bin/env bash
# Installs what is missing, builds the release and serves it on
# http://127.0.0.1:8080 (PORT=... to change). Stop with Ctrl+C.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"
scripts/install.sh build
step "Building the release"
scripts/build.sh
step "Serving"
exec node scripts/serve.mjs dist "${PORT:-8080}"
