#!/usr/bin/env bash
# Statements per request of one harness scenario against the local stack (issue 16): the scenario runs twice with
# --concurrency 1, N1 and N2 requests (--max-requests), and the difference of PostgreSQL's counters across the two runs
# (pg_stat_database xact_commit, pg_stat_user_tables scans and row writes of the user_pool schema), divided by N2 − N1,
# is what one request costs: the harness's set-up and teardown are in both runs and cancel out. xact_commit also counts
# the stack's background work (outbox relays, schedulers): their rate is measured over an idle period and removed.
#
#   benchmarks/scripts/statements-per-request.sh initiate-auth-password [N1] [N2] [PORT]
set -euo pipefail
scenario=${1:?scenario}
n1=${2:-20}
n2=${3:-120}
port=${4:-8081}
harness=${HARNESS:-benchmarks/target/benchmarks.jar}
export PGPASSWORD=cognate
q() { psql -h localhost -p 15432 -U cognate -d cognate -Atq -F' ' -c "$1"; }
snapshot() { # "xact_commit relname reads inserts updates deletes ..." on one line per table
  sleep 1.5 # let the backends flush their statistics
  q "SELECT 'xact', xact_commit, extract(epoch from clock_timestamp()) FROM pg_stat_database WHERE datname = 'cognate'
     UNION ALL SELECT relname, coalesce(seq_scan,0) + coalesce(idx_scan,0), n_tup_ins + n_tup_upd + n_tup_del
     FROM pg_stat_user_tables WHERE schemaname = 'user_pool'"
}
run() {
  java -cp "$harness" dev.cognate.benchmarks.load.LoadHarness --stack --endpoint "http://localhost:$port" --client sdk \
    --scenario "$scenario" --concurrency 1 --warmup 0s --duration 5m --max-requests "$1" --no-server-cpu > /dev/null 2>&1
}
idle0=$(snapshot); sleep 6; idle1=$(snapshot)
s0=$(snapshot); run "$n1"; s1=$(snapshot); run "$n2"; s2=$(snapshot)
python3 - "$n1" "$n2" <<PY
import sys
n1, n2 = int(sys.argv[1]), int(sys.argv[2])
def parse(text):
    rows = {}
    for line in text.strip().splitlines():
        name, a, b = line.split(' ')
        rows[name] = (float(a), float(b))
    return rows
i0, i1, s0, s1, s2 = (parse(t) for t in """$idle0|$idle1|$s0|$s1|$s2""".split('|'))
idle_rate = (i1['xact'][0] - i0['xact'][0]) / (i1['xact'][1] - i0['xact'][1])
d1 = s1['xact'][0] - s0['xact'][0] - idle_rate * (s1['xact'][1] - s0['xact'][1])
d2 = s2['xact'][0] - s1['xact'][0] - idle_rate * (s2['xact'][1] - s1['xact'][1])
print(f"commits per request: {(d2 - d1) / (n2 - n1):.2f}   (background {idle_rate:.1f}/s removed)")
for name in sorted(set(s0) - {'xact'}):
    reads = ((s2[name][0] - s1[name][0]) - (s1[name][0] - s0[name][0])) / (n2 - n1)
    writes = ((s2[name][1] - s1[name][1]) - (s1[name][1] - s0[name][1])) / (n2 - n1)
    if abs(reads) >= 0.05 or abs(writes) >= 0.05:
        print(f"  {name:32s} reads {reads:5.2f}   rows written {writes:5.2f}")
PY
