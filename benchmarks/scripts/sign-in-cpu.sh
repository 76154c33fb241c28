#!/usr/bin/env bash
# CPU per sign-in of the server side of the local stack: user-pool-service (the harness's --server-pid) plus PostgreSQL
# (the postmaster and all its backends, including those that ended: the postmaster's cutime/cstime) and Redis, read from
# /proc before and after each measured run. Usage, from the repository root, with a running local stack:
#   benchmarks/scripts/sign-in-cpu.sh SCENARIO [harness options...]
# e.g. benchmarks/scripts/sign-in-cpu.sh initiate-auth-srp --duration 25s --warmup 10s --concurrency 4
set -euo pipefail
scenario=$1; shift
pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
ups=$(pid_on 8081); pg=$(pid_on 15432); redis=$(pid_on 16379)
# utime+stime (+ cutime+cstime of reaped children) in clock ticks of a process and its live children
ticks() {
  local root=$1 total=0 pid stat
  for pid in $root $(pgrep -P "$root" || true); do
    stat=$(cat /proc/$pid/stat 2>/dev/null) || continue
    stat=${stat##*) }
    set -- $stat
    total=$(( total + ${12} + ${13} + ${14} + ${15} ))
  done
  echo $total
}
before_pg=$(ticks "$pg"); before_redis=$(ticks "$redis")
out=$(java -cp benchmarks/target/benchmarks.jar dev.cognate.benchmarks.load.LoadHarness --stack --scenario "$scenario" \
  --server-pid "$ups" "$@" 2>&1)
after_pg=$(ticks "$pg"); after_redis=$(ticks "$redis")
echo "$out"
ok=$(echo "$out" | grep -o '[0-9,]* ok' | head -1 | tr -d ', ok')
# with --server-pid the harness counts the service alone: its "server CPU   total   12.34 s ..." line is the service's
svc=$(echo "$out" | awk '$1 == "server" && $2 == "CPU" && $3 == "total" { print $4; exit }')
# the harness counts its measured time only; PostgreSQL and Redis are read around the whole run (warm-up included), so
# their share is scaled by measured / (warm-up + measured) of the requests: printed raw here, scaled by the reader
echo "server side: user-pool-service ${svc:-?} s; PostgreSQL $(( (after_pg - before_pg) ))/100 s; Redis $(( (after_redis - before_redis) ))/100 s (whole run incl. warm-up); ok ${ok:-?}"
