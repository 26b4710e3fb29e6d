#!/usr/bin/env bash
# Builds libcockpit_zenoh.so and copies it to OUT_DIR/native/linux-x86_64/.
# Usage: bash bus/native/build.sh OUT_DIR   (any cwd; CARGO_TARGET_DIR overrides the target dir)
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 OUT_DIR" >&2
    exit 2
fi
out_dir=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) platform=linux-x86_64 ;;
    *) echo "build.sh: unsupported platform $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/cockpit/cargo-target}

args=(build --release --quiet --manifest-path "$here/Cargo.toml")
if [ -f "$here/Cargo.lock" ]; then
    args+=(--locked)
fi
lib=$CARGO_TARGET_DIR/release/libcockpit_zenoh.so
mkdir -p "$CARGO_TARGET_DIR" "$out_dir/native/$platform"
# The target dir is shared by every checkout on the machine (it caches the Zenoh core); two checkouts
# with different shim sources would otherwise overwrite each other's library between build and copy.
(
    flock 9
    cargo "${args[@]}"
    if [ ! -f "$lib" ]; then
        echo "build.sh: $lib not found after build" >&2
        exit 1
    fi
    cp -f "$lib" "$out_dir/native/$platform/libcockpit_zenoh.so"
) 9>"$CARGO_TARGET_DIR/.cockpit-build.lock"
