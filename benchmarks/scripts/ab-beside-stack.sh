#!/usr/bin/env bash
# A/B of user-pool-service against one running local stack (issue 16): B is the stack's own user-pool-service (:8081,
# this checkout's build); A is another build's fast-jar, started beside it on :8181 (internal API :8191) with B's JVM
# options and environment, against the same PostgreSQL, Redis and Kafka. Each scenario runs on A, then at once on B,
# and the whole list again for every round; the harness counts the server side (the service + PostgreSQL with all its
# backends + Redis) with --server-pids. A is stopped (by its pid) at the end. Run it inside the local-stack lock:
#
#   flock /tmp/cognate-local-stack.lock bash -c 'deploy/local/run up --detach && \
#     benchmarks/scripts/ab-beside-stack.sh /path/to/A/user-pool-service/target/quarkus-app 2 "token-refresh refresh-token"; \
#     deploy/local/run down'
#
# Extra environment for A alone: A_ENV="NAME=value ..." (B's is the stack's); A may also be this checkout's own build
# with a setting changed (A_ENV=QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS=false). Harness options:
# HARNESS_OPTS. AFTER="commands": run after the rounds while A is still up (e.g. statements-per-request.sh on 8181).
set -euo pipefail

a_app=${1:?the quarkus-app directory of build A}
rounds=${2:-2}
scenarios=${3:-"initiate-auth-password refresh-token token-refresh token-client-credentials token-authorization-code"}
harness=${HARNESS:-benchmarks/target/benchmarks.jar}
opts=${HARNESS_OPTS:-"--client wrk --duration 10s --warmup 5s --concurrency 8"}

pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
b=$(pid_on 8081)
pg=$(pid_on 15432)
rd=$(pid_on 16379)
[ -n "$b" ] && [ -n "$pg" ] && [ -n "$rd" ] || { echo "no local stack (8081, 15432, 16379)" >&2; exit 1; }

# A: B's command line with A's jar, B's environment with A's ports
mapfile -d '' b_args < "/proc/$b/cmdline"
a_args=()
for arg in "${b_args[@]}"; do
  case "$arg" in
    *quarkus-run.jar) a_args+=("$a_app/quarkus-run.jar") ;;
    *) a_args+=("$arg") ;;
  esac
done
mapfile -d '' b_env < "/proc/$b/environ"
log=$(mktemp /tmp/ab-beside-a.XXXXXX.log)
# shellcheck disable=SC2086
env -i "${b_env[@]}" QUARKUS_HTTP_PORT=8181 COGNATE_INTERNAL_API_PORT=8191 ${A_ENV:-} "${a_args[@]}" > "$log" 2>&1 &
a=$!
trap 'kill "$a" 2>/dev/null || true; wait "$a" 2>/dev/null || true' EXIT
for _ in $(seq 120); do
  curl -fsS -o /dev/null http://localhost:8181/q/health/ready 2>/dev/null && break
  kill -0 "$a" 2>/dev/null || { echo "A did not start, see $log" >&2; exit 1; }
  sleep 0.5
done
echo "A: pid $a on :8181 ($a_app, log $log); B: pid $b on :8081; postgres $pg; redis $rd; load average $(cut -d' ' -f1-3 /proc/loadavg)"

for round in $(seq "$rounds"); do
  for s in $scenarios; do
    for side in A B; do
      if [ $side = A ]; then port=8181; svc=$a; else port=8081; svc=$b; fi
      echo "=== round $round, $s, $side ($(date -u +%T), load $(cut -d' ' -f1 /proc/loadavg))"
      # shellcheck disable=SC2086
      java -cp "$harness" dev.cognate.benchmarks.load.LoadHarness --stack --endpoint "http://localhost:$port" $opts \
        --scenario "$s" --server-pids "ups=$svc,postgres=$pg,redis=$rd" 2>&1 || true
    done
  done
done
if [ -n "${AFTER:-}" ]; then
  eval "$AFTER"
fi
