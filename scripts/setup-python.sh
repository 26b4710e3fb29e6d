#!/usr/bin/env bash
# Creates the project-local virtualenv <repo>/.venv and installs the Python
# test dependencies pinned in bus/python/requirements.txt (eclipse-zenoh; onnxruntime and numpy
# for the npu-runtime checks; tokenizers for the train checks) and sim/python/requirements.txt
# (mcap, mcap-protobuf-support).
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
REQ_SIM="$ROOT/sim/python/requirements.txt"
STAMP="$VENV/.zpeer-requirements.sha256"
PY="${PYTHON:-python3}"

stamp_value() {
  { cat "$REQ" "$REQ_SIM" && "$VENV/bin/python" -c 'import sys; print(sys.version)'; } 2>/dev/null | sha256sum | cut -d' ' -f1
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
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQ" -r "$REQ_SIM" &&
    "$VENV/bin/python" -c 'import zenoh, mcap, mcap_protobuf'
}
if ! setup >"$log" 2>&1; then
  cat "$log" >&2
  echo "setup-python.sh: could not prepare $VENV from $REQ and $REQ_SIM" >&2
  exit 1
fi
stamp_value >"$STAMP"
