# Sourced by ./mvnw: makes sure Maven runs on a JDK 21 or newer.
# Keeps JAVA_HOME when it already points at one; otherwise looks in the usual
# install locations and picks the newest. Stops with a clear message if none is found.
java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
  :
else
  best="" best_major=0
  set +f # mvnw runs with globbing off; the search below needs it
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    [ -n "$major" ] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$candidate" best_major="$major"; fi
  done
  set -f
  if [ -z "$best" ]; then
    echo "ERROR: this build needs a JDK 21 or newer." >&2
    echo "       JAVA_HOME=${JAVA_HOME-<unset>} is not one, and none was found under /usr/lib/jvm, /opt or ~/.sdkman." >&2
    echo "       Install one (for example Temurin 21) and set JAVA_HOME to it." >&2
    exit 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
fi

# Newer JDKs warn about what Maven's own libraries do; quiet them where the flags exist.
if [ "$(java_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
  MAVEN_OPTS="${MAVEN_OPTS-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS
fi
