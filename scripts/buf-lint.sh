#!/usr/bin/env bash
# Lints the protobuf schemas in proto/ with buf (STANDARD rules, proto/buf.yaml).
# Installs buf from npm into $ROOT/.tools/buf on first use (idempotent); quiet on
# success, prints buf's findings on failure and exits with buf's status.
# Usage: scripts/buf-lint.sh [extra buf lint args...]   (BUF=/path/to/buf to use another buf)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUF_VERSION="1.75.0"
TOOLS="$ROOT/.tools/buf"
BUF="${BUF:-$TOOLS/node_modules/.bin/buf}"

installed_version() {
  [[ -x "$BUF" ]] && "$BUF" --version 2>/dev/null || true
}

if [[ "$(installed_version)" != "$BUF_VERSION" ]]; then
  # npm trusts only its bundled CAs; reuse the system bundle when the machine names one.
  if [[ -z "${NODE_EXTRA_CA_CERTS:-}" && -n "${SSL_CERT_FILE:-}" ]]; then export NODE_EXTRA_CA_CERTS="$SSL_CERT_FILE"; fi
  if [[ "$BUF" != "$TOOLS/node_modules/.bin/buf" ]]; then
    echo "buf-lint: BUF=$BUF is not buf $BUF_VERSION" >&2
    exit 2
  fi
  command -v npm >/dev/null || { echo "buf-lint: npm is needed to install buf" >&2; exit 2; }
  mkdir -p "$TOOLS"
  log="$TOOLS/install.log"
  if ! npm install --no-save --no-audit --no-fund --loglevel=error --fetch-retries=1 \
      --prefix "$TOOLS" "@bufbuild/buf@$BUF_VERSION" >"$log" 2>&1; then
    cat "$log" >&2
    echo "buf-lint: npm install of @bufbuild/buf@$BUF_VERSION failed" >&2
    exit 2
  fi
  if [[ "$(installed_version)" != "$BUF_VERSION" ]]; then
    echo "buf-lint: $BUF does not report version $BUF_VERSION after install" >&2
    exit 2
  fi
fi

cd "$ROOT/proto"
exec "$BUF" lint "$@"
