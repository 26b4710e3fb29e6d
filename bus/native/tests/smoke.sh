#!/usr/bin/env bash
# Builds the library (via ../build.sh), compiles smoke.c against it and runs it on loopback.
# Usage: bash bus/native/tests/smoke.sh   (any cwd)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bash "$here/../build.sh" "$work"
libdir=$work/native/linux-x86_64
gcc -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror -o "$work/smoke" "$here/smoke.c" \
    -L"$libdir" -lcockpit_zenoh -Wl,-rpath,"$libdir" -lpthread

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
timeout 120 "$work/smoke" "$port"
