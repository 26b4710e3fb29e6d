#!/usr/bin/env bash
# Prints the train module's runtime classpath with this checkout's own module classes (never the
# cockpit-* jars in ~/.m2, which other checkouts may have installed). Run `mvn -o -q -B -pl train -am
# verify -DskipTests` first. Usage: export CLASSPATH=$(train/classpath.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -o -q -B -pl train dependency:build-classpath -Dmdep.outputFile="$root/train/target/cp.txt" >/dev/null
out="$root/train/target/classes"
IFS=':' read -ra jars < train/target/cp.txt || true
for j in "${jars[@]}"; do
  if [[ "$j" =~ /cockpit/cockpit-([a-z-]+)/ ]]; then
    out+=":$root/${BASH_REMATCH[1]}/target/classes"
  else
    out+=":$j"
  fi
done
echo "$out"
