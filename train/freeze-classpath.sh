#!/usr/bin/env bash
# Copies this checkout's module classes (train and the modules it depends on) into DIR/classes/ and
# prints a classpath that reads them there, with the third-party jars from ~/.m2: a long training run
# then keeps running the code it started with while the checkout is rebuilt. Run `mvn -o -q -B -pl
# train -am verify -DskipTests` first. Usage: export CLASSPATH=$(train/freeze-classpath.sh DIR)
set -euo pipefail
dir="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cp_line="$("$root/train/classpath.sh")"
mkdir -p "$dir/classes"
out=""
IFS=':' read -ra parts <<< "$cp_line"
for p in "${parts[@]}"; do
  if [[ "$p" == "$root"/*/target/classes ]]; then
    module="${p#"$root"/}"
    module="${module%%/*}"
    rm -rf "$dir/classes/$module"
    cp -r "$p" "$dir/classes/$module"
    p="$(cd "$dir/classes/$module" && pwd)"
  fi
  out+="${out:+:}$p"
done
echo "$out"
