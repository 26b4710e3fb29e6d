# Sourced by the project's scripts: selects a JDK >= 25 for Maven and the launcher.
# Order: JAVA_HOME if it is >= 25, then the newest /usr/lib/jvm/*25*|*26*|… found; fails clearly otherwise.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
cockpit_pick_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && (( $(java_major "$JAVA_HOME") >= 25 )); then
    return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d="${d%/}"
    [[ -x "$d/bin/javac" ]] || continue
    v="$(java_major "$d")"; v="${v%%.*}"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if (( v >= 25 && v > best_v )); then best="$d"; best_v="$v"; fi
  done
  if [[ -z "$best" ]]; then
    echo "cockpit: a JDK >= 25 is required (Foreign Function & Memory API); none in JAVA_HOME or /usr/lib/jvm." >&2
    echo "cockpit: install Temurin 25 (apt package temurin-25-jdk) or set JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME="$best"
}
cockpit_pick_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"

