# Sourced by deploy/run-local, deploy/benchmark and deploy/issue-token: builds what is missing or stale,
# then runs a class of the deploy module.   launch HEAP MAIN_CLASS [ARGS...]
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

launch() {
  local heap="$1" main="$2"
  shift 2
  # build on the first run, and again whenever a source changed since the last build
  if [[ ! -f deploy/target/classpath.txt \
     || ! -f route-service/target/quarkus-app/quarkus-run.jar \
     || ! -f timing-service/target/quarkus-app/quarkus-run.jar \
     || ! -f classification-service/target/quarkus-app/quarkus-run.jar \
     || -n "$(find pom.xml */pom.xml */src/main -newer deploy/target/classpath.txt -type f 2>/dev/null | head -1)" ]]; then
    echo "[$(basename "$0")] building the services (./mvnw -DskipTests package)" >&2
    ./mvnw -B -q -DskipTests package >&2
    touch deploy/target/classpath.txt
  fi
  exec java "-Xmx$heap" -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -Dregularity.root="$root" -Djava.io.tmpdir="$root/deploy/target" \
    -cp "deploy/target/classes:$(cat deploy/target/classpath.txt)" \
    "$main" "$@"
}
