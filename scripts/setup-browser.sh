#!/usr/bin/env bash
# Prepares the dashboard's browser test: Debian's `chromium` (apt, only when /usr/bin/chromium is
# missing; runs as root) and `playwright-core` from npm into $ROOT/.tools/playwright (pinned; no
# browser download: the test drives the system chromium through executablePath).
# Idempotent and quiet on success; on failure prints the installer's output and exits 2.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PLAYWRIGHT_VERSION="1.65.1"
TOOLS="$ROOT/.tools/playwright"
CHROMIUM="${COCKPIT_CHROMIUM:-/usr/bin/chromium}"

if [[ ! -x "$CHROMIUM" ]]; then
  command -v apt-get >/dev/null || { echo "setup-browser: $CHROMIUM is missing and apt-get is not available" >&2; exit 2; }
  log="$(mktemp)"
  if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup-browser: apt-get install chromium failed" >&2
    exit 2
  fi
  rm -f "$log"
fi

installed_version() {
  node -e "console.log(require('$TOOLS/node_modules/playwright-core/package.json').version)" 2>/dev/null || true
}

if [[ "$(installed_version)" != "$PLAYWRIGHT_VERSION" ]]; then
  # npm trusts only its bundled CAs; reuse the system bundle when the machine names one.
  if [[ -z "${NODE_EXTRA_CA_CERTS:-}" && -n "${SSL_CERT_FILE:-}" ]]; then export NODE_EXTRA_CA_CERTS="$SSL_CERT_FILE"; fi
  command -v npm >/dev/null || { echo "setup-browser: npm is needed to install playwright-core" >&2; exit 2; }
  mkdir -p "$TOOLS"
  log="$TOOLS/install.log"
  if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --no-audit --no-fund --loglevel=error \
      --fetch-retries=1 --prefix "$TOOLS" "playwright-core@$PLAYWRIGHT_VERSION" >"$log" 2>&1; then
    cat "$log" >&2
    echo "setup-browser: npm install of playwright-core@$PLAYWRIGHT_VERSION failed" >&2
    exit 2
  fi
  if [[ "$(installed_version)" != "$PLAYWRIGHT_VERSION" ]]; then
    echo "setup-browser: playwright-core $PLAYWRIGHT_VERSION is not in $TOOLS after install" >&2
    exit 2
  fi
fi
