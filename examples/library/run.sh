#!/usr/bin/env bash
# Builds the example against the installed dev.spillway:spillway and runs it:
#   examples/library/run.sh [JAR_DIR] [POSTGRES_URL] [SPILL_DIR] [SCHEMA]
# Install the library first: (cd ../.. && mvn install -DskipTests). MAVEN_ARGS passes extra options to mvn
# (e.g. -o, -Dmaven.repo.local=...). The JVM flags are the ones Chronicle Map needs on Java 17.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jars="${1:-/usr/share/java}"
url="${2:-postgresql://postgres@127.0.0.1:5432/test}"
spill="${3:-${TMPDIR:-/tmp}/jar-index-spill}"
schema="${4:-jars}"
# shellcheck disable=SC2086
mvn -B -q ${MAVEN_ARGS:-} -f "$here/pom.xml" package
exec java --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
  -jar "$here/target/jar-index.jar" "$jars" "$url" "$spill" "$schema"
