#!/usr/bin/env bash
# Creates the project-local virtualenv <repo>/.venv and installs the Python
# interop-test dependencies pinned in bus/python/requirements.txt (Zenoh peer; ONNX Runtime for npu-runtime checks).
#
# Idempotent and fast: a stamp file in the venv holds a hash of the
# requirements file and the venv interpreter's version; when it matches (and
# that interpreter runs), nothing else runs. Delete .venv to switch interpreter.
# Quiet on success; on failure the venv/pip output goes to stderr, exit 1.
# Override the base interpreter with PYTHON=/path/to/python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
REQ="$ROOT/bus/python/requirements.txt"
STAMP="$VENV/.zpeer-requirements.sha256"
PY="${PYTHON:-python3}"

stamp_value() {
  { cat "$REQ" && "$VENV/bin/python" -c 'import sys; print(sys.version)'; } 2>/dev/null | sha256sum | cut -d' ' -f1
}
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(stamp_value)" ]]; then
  exit 0
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# `set -e` does not apply inside a function called from `if`: chain with &&.
setup() {
  # Missing or broken venv (e.g. its base interpreter moved): rebuild from scratch.
  { "$VENV/bin/python" -c '' 2>/dev/null || "$PY" -m venv --clear "$VENV"; } &&
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" &&
    "$VENV/bin/python" -c 'import zenoh'
}
if ! setup >"$log" 2>&1; then
  cat "$log" >&2
  echo "setup-python.sh: could not prepare $VENV from $REQ" >&2
  exit 1
fi
stamp_value >"$STAMP"
