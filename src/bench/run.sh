#!/usr/bin/env bash
# License Gateway benchmark harness: the read model at 200 consoles x 1,000 licenses (about 15 minutes on 2 cores).
# See BENCHMARKS.md for the method and the results.
#
#   src/bench/run.sh            build, then every measure: each shape of the mix sequentially, the mix's closed-loop
#                               rate vs a fixed response, fully changed refreshes (alone and under the mix), retained
#                               heap per license, start to ready; the results in <out>/results.json
#   src/bench/run.sh --smoke    3 consoles x 50 licenses, seconds per phase: checks that the harness works (BenchSmokeIT)
#
# Options: --no-build (use the existing target/), --out DIR (default target/bench/<time>), --database NAME (dropped
#          and created; default bench, bench_smoke for --smoke), --consoles N, --licenses N, --sequential N, --reps N,
#          --rate-duration S, --open-rate R (default half the mix's closed-loop rate; see bench.py --help).
# Environment: BENCH_JAVA_OPTS (the gateway's JVM options, default none).
#
# Needs: java 17+ with jcmd, python3, psql/createdb/dropdb and PostgreSQL on 127.0.0.1:5432 (user postgres, trust),
#        wrk (apt-get install -y wrk) for the closed-loop rates; without it they use a Python closed loop.
# Everything it starts listens on 127.0.0.1 only and is stopped when it ends.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

BUILD=1
ARGS=()
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --out) OUT="$2"; shift ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
OUT="${OUT:-$ROOT/target/bench/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"  # the gateway runs from the jar's directory

for tool in java jcmd python3 psql createdb dropdb; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 2; }
done
command -v wrk >/dev/null || echo "run.sh: wrk is not installed (apt-get install -y wrk): the rates use a Python closed loop" >&2
pg_isready -h 127.0.0.1 -p 5432 -q || { echo "run.sh: PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 2; }

APP="$ROOT/target/quarkus-app"
BUILT="$APP/quarkus-run.jar $ROOT/target/test-classes/io/licensegateway/bench/BenchSimulator.class"
if [ "$BUILD" = 1 ]; then
  echo "run.sh: building (./mvnw -q package -DskipTests)"
  ./mvnw -q -B package -DskipTests
fi
for f in $BUILT; do
  [ -f "$f" ] || { echo "run.sh: $f is missing: run ./mvnw package -DskipTests (or leave out --no-build)" >&2; exit 2; }
done
# The simulator is a test class; it runs on the application's classes and libraries.
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(find "$APP/lib/main" -name '*.jar' | sort | tr '\n' ':')"

exec python3 "$ROOT/src/bench/bench.py" --out "$OUT" --classpath "$CP" --app "$APP" ${ARGS[@]+"${ARGS[@]}"}
