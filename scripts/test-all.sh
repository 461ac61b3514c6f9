#!/usr/bin/env bash
# Every test kubesim has: makes sure Debian's Chromium is installed (the page tests drive it), then `npm test`
# (type checks, engine and UI unit tests, the production build, and the page in a real browser).
set -euo pipefail
cd "$(dirname "$0")/.."

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium (needed by the page tests)…"
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi

if [ ! -d node_modules ]; then npm ci; fi
npm test
