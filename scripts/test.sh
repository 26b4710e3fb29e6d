#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (the Python Zenoh peer in
# .venv, buf and playwright-core in .tools, Debian chromium via apt when missing), lints the schemas,
# builds everything (cargo included) and runs every test.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh
bash scripts/setup-python.sh
bash scripts/setup-browser.sh
bash scripts/buf-lint.sh
mvn -B verify "$@"
