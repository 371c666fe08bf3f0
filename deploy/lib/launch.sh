# Sourced by deploy/run-local, deploy/benchmark, deploy/issue-token, deploy/verify-results and deploy/restore-passages:
# builds what is missing or stale, then runs a class of the deploy module (launch HEAP MAIN_CLASS [ARGS...]) or of a
# packaged service (launch_in SERVICE HEAP MAIN_CLASS [ARGS...]). Arguments naming files are the caller's to make absolute.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# build on the first run, and again whenever a source changed since the last build
build_if_stale() {
  if [[ ! -f deploy/target/classpath.txt \
     || ! -f route-service/target/quarkus-app/quarkus-run.jar \
     || ! -f timing-service/target/quarkus-app/quarkus-run.jar \
     || ! -f classification-service/target/quarkus-app/quarkus-run.jar \
     || ! -f championship-service/target/quarkus-app/quarkus-run.jar \
     || -n "$(find pom.xml */pom.xml */src/main -newer deploy/target/classpath.txt -type f 2>/dev/null | head -1)" ]]; then
    echo "[$(basename "$0")] building the services (./mvnw -DskipTests package)" >&2
    ./mvnw -B -q -DskipTests package >&2
    touch deploy/target/classpath.txt
  fi
}

launch() {
  local heap="$1" main="$2"
  shift 2
  build_if_stale
  exec java "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dregularity.root="$root" -Djava.io.tmpdir="$root/deploy/target" \
    -cp "deploy/target/classes:$(cat deploy/target/classpath.txt)" \
    "$main" "$@"
}

launch_in() {
  local service="$1" heap="$2" main="$3"
  shift 3
  build_if_stale
  # lib/boot holds the JBoss LogManager the jars' logging (the Kafka clients' too) goes through
  exec java "-Xmx$heap" -XX:+ExitOnOutOfMemoryError -cp "$service/target/quarkus-app/app/*:$service/target/quarkus-app/lib/main/*:$service/target/quarkus-app/lib/boot/*" \
    "$main" "$@"
}
