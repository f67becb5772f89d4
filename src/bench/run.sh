#!/usr/bin/env bash
# License Gateway benchmark harness. See BENCHMARKS.md for the method and the results.
#
#   src/bench/run.sh                 the full benchmark (about 25 minutes on 2 cores), without the memory row
#   src/bench/run.sh --only memory   the 10-minute memory row on its own
#   src/bench/run.sh --only mix      the query mix on its own (200 x 1,000; about 10 minutes)
#   src/bench/run.sh --smoke         seconds per row, 1 and 3 consoles: checks that the harness works (used by BenchSmokeIT)
#
# Options: --no-build (use the existing target/), --out DIR (default target/bench/<time>), --reps N,
#          --only refresh,query,latency,during,mix,startup,memory, --database NAME (default bench; bench_smoke for
#          --smoke), --consoles 1,10,50,200 and --licenses N (sizes), --snapshots-keep N, --mix-sequential N,
#          --mix-duration S, --mix-open-duration S, --mix-half-rate R, --empty-store (no refresh before the start-up
#          and memory phases); see BENCHMARKS.md "Running it".
# Environment: BENCH_JAVA_OPTS (the gateway's JVM options, default none), BENCH_MEMORY_RATE (req/s, default 4).
#
# Needs: java 17+, python3, psql/pgbench/createdb/dropdb and PostgreSQL on 127.0.0.1:5432 (user postgres, trust),
#        wrk (apt-get install -y wrk) for the API request rate; without it that row is skipped (and the mix measures
#        its maximum rate with a Python closed loop instead).
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

for tool in java python3 psql pgbench createdb dropdb; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 2; }
done
command -v wrk >/dev/null || echo "run.sh: wrk is not installed (apt-get install -y wrk): the API rate row is skipped" >&2
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
# The simulator and the SQL printer are test classes; they run on the application's classes and libraries.
CP="$ROOT/target/test-classes:$ROOT/target/classes:$(find "$APP/lib/main" -name '*.jar' | sort | tr '\n' ':')"

exec python3 "$ROOT/src/bench/bench.py" --out "$OUT" --classpath "$CP" --app "$APP" ${ARGS[@]+"${ARGS[@]}"}
