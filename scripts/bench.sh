#!/usr/bin/env bash
# Reproduces the figures of docs/benchmarks.md on this machine: generates a
# register of CASES cases (default 1,000,000) on SQLite and on MariaDB with
# `fuyuan gen`, measures the real server with curl and wrk on loopback, and
# runs the Go benchmarks. Every run is bounded; nothing leaves 127.0.0.1.
#
#   scripts/bench.sh machine|gen|server|figures|list|search|go|galera|filings|export|import|indexes|second|all [sqlite|mysql]
#
#   machine   the machine and its load
#   gen       fuyuan gen -cases $CASES into a fresh database
#   server    start-up, /stats, the monthly report, the case list under wrk,
#             the case-list export (100,000 cases, then all with the
#             server's peak memory), on the database gen made
#   list      the case list with every request a different combination of
#             status, type, judge and page (scripts/wrk-list.lua), the page
#             cache off (FUYUAN_LIST_CACHE=off), wrk -c16, then -c1 (each
#             request's own time), each with the CPU per request of the
#             server and of MariaDB; the plans of its queries (EXPLAIN),
#             with the day counts of a deep page (case_day_counts)
#   search    the list's search (q=) for names, surnames and numbers, each
#             timed five times (page cache off) with the CPU per request, and
#             the plans of its queries
#   figures   the figures of issues 16 and 20 (scripts/bench-figures.sh):
#             a year's /stats without and with by=organ|region|domain|judge,
#             the monthly report and the white paper, $FIGURES_N times each,
#             wall time, load average and the server's CPU per request (and
#             mysqld's on MariaDB)
#   go        the Go benchmarks at $CASES cases (BenchmarkScale, both
#             databases), the authorisation decision, and CI's -benchtime=1x run
#   galera    filings through one and two nodes of a three-node Galera
#             cluster (BenchmarkGaleraFilings, $GALERA_FILINGS filings each,
#             $GALERA_COUNT times); part of `second`, not of `all`
#   export    the case-list export through the real server: the 100,000
#             latest filings three times, then every case with the server's
#             peak memory, each with the server's CPU time
#   import    the 50,000-row ledger import (scripts/ledgerxlsx) through the
#             real server on the database gen made: wall time, the server's
#             CPU, its peak memory during the import (VmHWM, reset before);
#             it adds 50,000 cases to that register, so it is not part of
#             `all` (gen again before the other steps)
#   indexes   what each index costs: its size on disk, and the time of
#             inserting 20,000 cases into an empty copy of the cases table
#             with each secondary index alone (scripts/bench-indexes.sh)
#   second    the second round's targets (issues 16 and 20) in one run: gen,
#             figures, list, search, export (and its ratio to a bare
#             StreamWriter), indexes, then import (it adds
#             cases) and the searches of SEARCHES_AFTER_IMPORT on both databases, and filings on MariaDB: one
#             instance (filings), then one and two Galera nodes (galera)
#   filings   WRITERS concurrent writers filing cases through the real server
#             on one MariaDB (filings/s, p99, the transactions retried); with
#             FILINGS_DSNS, one instance per DSN sharing the writers; not
#             part of `all`
#
# Environment: CASES (1000000), FIGURES_N (3), OUT (/tmp/fuyuan-bench), MYSQL_DSN
# (root@tcp(127.0.0.1:3306)/), BENCH_DB (fuyuan_bench, created and dropped
# here), PORT (18089), WRK_SECONDS (30), GALERA_FILINGS (800), GALERA_COUNT (3). The generated databases stay in
# $OUT (SQLite) and in $BENCH_DB until `scripts/bench.sh clean`. filings:
# WRITERS (16), FILINGS_SECONDS (30), FILINGS_DB (fuyuan_filings, created
# afresh on MYSQL_DSN unless FILINGS_DSNS is given: space-separated DSNs of
# one database, empty or already seeded), FILINGS_CHECK_ARGS (mariadb client
# arguments that reach that database for the final check; $FILINGS_DB).
set -euo pipefail
cd "$(dirname "$0")/.."

CASES=${CASES:-1000000}
OUT=${OUT:-/tmp/fuyuan-bench}
MYSQL_DSN=${MYSQL_DSN:-root@tcp(127.0.0.1:3306)/}
BENCH_DB=${BENCH_DB:-fuyuan_bench}
PORT=${PORT:-18089}
WRK_SECONDS=${WRK_SECONDS:-30}
GALERA_FILINGS=${GALERA_FILINGS:-800}
GALERA_COUNT=${GALERA_COUNT:-3}
WRITERS=${WRITERS:-16}
FILINGS_SECONDS=${FILINGS_SECONDS:-30}
FILINGS_DB=${FILINGS_DB:-fuyuan_filings}
# The register ends on this day, so that 2025 is a whole year and its
# figures do not move from one run to the next.
export FUYUAN_TODAY=2026-01-10
# BIN: the server measured (built from this tree unless NOBUILD=1, e.g. a
# build of an older commit for the figures before a change).
BIN=${BIN:-$OUT/fuyuan}
BASE=http://127.0.0.1:$PORT

mkdir -p "$OUT"
log() { printf '\n### %s\n' "$*"; }

# dbenv DIALECT: DBENV becomes the environment of fuyuan on DIALECT's database.
dbenv() {
  if [ "$1" = mysql ]; then
    DBENV=(FUYUAN_DB=mysql "FUYUAN_DSN=${MYSQL_DSN}${BENCH_DB}?parseTime=true")
  else
    DBENV=(FUYUAN_DB=sqlite "FUYUAN_DATA=$OUT/sqlite")
  fi
}

# figures DIALECT: scripts/bench-figures.sh on the register gen made.
figures() {
  log "figures of issues 16 and 20 ($1, ${FIGURES_N:-3} times each)"
  build
  if [ "$1" = mysql ]; then
    MYSQL_DB=$BENCH_DB scripts/bench-figures.sh "$BIN" mysql "$((PORT + 2))" "${FIGURES_N:-3}"
  else
    SQLDIR=$OUT/sqlite scripts/bench-figures.sh "$BIN" sqlite "$((PORT + 2))" "${FIGURES_N:-3}"
  fi
}

# exportratio DIALECT: the export against a bare excelize StreamWriter
# writing the same cells (BenchmarkExportRegister: the 100,000 latest
# filings of the register gen made, taking turns, -benchtime 3x).
exportratio() {
  quiet
  log "export against the bare StreamWriter ($1, load: $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "$1" = mysql ]; then
    FUYUAN_BENCH_REGISTER_DIALECT=mysql FUYUAN_BENCH_REGISTER="${MYSQL_DSN}${BENCH_DB}?parseTime=true" \
      go test -run '^$' -bench ExportRegister -benchtime 3x -timeout 30m ./reports/
  else
    FUYUAN_BENCH_REGISTER=$OUT/sqlite/fuyuan.db go test -run '^$' -bench ExportRegister -benchtime 3x -timeout 30m ./reports/
  fi
}

# indexes DIALECT: what each index costs on the register gen made.
indexes() {
  log "indexes ($1): disk and write time (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "$1" = mysql ]; then
    MYSQL_DB=$BENCH_DB scripts/bench-indexes.sh mysql
  else
    SQLDIR=$OUT/sqlite scripts/bench-indexes.sh sqlite
  fi
}

mysql_cli() { mariadb -uroot --protocol=tcp -h127.0.0.1 "$@"; }

machine() {
  log "machine"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  free -m | head -2
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  go version
  mysql_cli -N -e 'SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_flush_log_at_trx_commit, @@thread_handling' 2>/dev/null || true
}

build() {
  [ -n "${NOBUILD:-}" ] || go build -o "$BIN" ./cmd/fuyuan
}

gen() {
  local d=$1
  build
  log "gen $d: $CASES cases (load before: $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "$d" = mysql ]; then
    mysql_cli -e "DROP DATABASE IF EXISTS $BENCH_DB; CREATE DATABASE $BENCH_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
  else
    rm -rf "$OUT/sqlite"
  fi
  dbenv "$d"
  env "${DBENV[@]}" /usr/bin/time -f 'wall %e s, user %U s, sys %S s, max RSS %M KB' "$BIN" gen -cases "$CASES" 2>&1 | tr '\r' '\n' | tail -2
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
}

SERVER_PID=
# start DIALECT: starts the server on the generated database and prints how
# long /healthz took to answer and the start-up the server logged.
start() {
  local t0 t1
  if curl -fs -o /dev/null "$BASE/healthz"; then
    echo "bench: something already answers on $BASE; stop it first" >&2
    return 1
  fi
  t0=$(date +%s%N)
  dbenv "$1"
  env "${DBENV[@]}" FUYUAN_ADDR=127.0.0.1:$PORT "$BIN" >"$OUT/server-$1.log" 2>&1 &
  SERVER_PID=$!
  until curl -fs -o /dev/null "$BASE/healthz"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server-$1.log"; return 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server-$1.log"; return 1; }
  until grep -q '"startup_ms"' "$OUT/server-$1.log"; do sleep 0.01; done
  echo "healthz answered after $(( (t1 - t0) / 1000000 )) ms; $(grep -o '"startup_ms":[0-9]*' "$OUT/server-$1.log")"
}

INSTANCE_PIDS=()
stop() {
  local p
  for p in $SERVER_PID "${INSTANCE_PIDS[@]}"; do
    kill "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
  done
  SERVER_PID=
  INSTANCE_PIDS=()
}
trap stop EXIT

login() {
  curl -fs -c "$OUT/cookies" -H 'Content-Type: application/json' \
    -d '{"username":"leader","password":"demo12345"}' "$BASE/api/v1/login" >/dev/null
  COOKIE="fuyuan_session=$(awk '$6 == "fuyuan_session" {print $7}' "$OUT/cookies")"
}

# timed NAME URL: fetches URL with the session and prints the time and size.
timed() {
  curl -fs --max-time 900 -b "$OUT/cookies" -o "$OUT/body" -w "$1: %{http_code} %{time_total} s, %{size_download} bytes\n" "$2"
}

# export_from DIALECT: the filing day from which on 100,000 cases were filed.
export_from() {
  local q="SELECT filed_on FROM cases WHERE court_code = '粤1803' ORDER BY filed_on DESC, id DESC LIMIT 1 OFFSET 99999"
  if [ "$1" = mysql ]; then mysql_cli -N "$BENCH_DB" -e "$q"; else sqlite3 "$OUT/sqlite/fuyuan.db" "$q"; fi
}

server() {
  local d=$1 i from
  build
  log "server $d (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  for i in 1 2 3; do start "$d"; stop; done
  start "$d"
  login
  # The first request of a fresh server is cold: the month-end archiver may
  # be writing last month's report, and each of the database connections it
  # opens starts with an empty page cache. That figure is shown as "cold";
  # the figures after eight more requests (one per pooled connection) are
  # those of a server that has been up for a while.
  sleep 5
  timed "stats 2025 (cold)" "$BASE/api/v1/stats?from=2025-01-01&to=2025-12-31"
  for i in 1 2 3 4 5 6 7 8; do curl -fs -o /dev/null -b "$OUT/cookies" "$BASE/api/v1/stats?from=2025-01-01&to=2025-12-31"; done
  for i in 1 2 3 4 5; do timed "stats 2025" "$BASE/api/v1/stats?from=2025-01-01&to=2025-12-31"; done
  timed "monthly 2025-12 (cold)" "$BASE/api/v1/reports/monthly.xlsx?month=2025-12"
  for i in 1 2 3 4 5; do timed "monthly 2025-12" "$BASE/api/v1/reports/monthly.xlsx?month=2025-12"; done
  for st in filed mediating closed; do
    log "wrk $d: page 3 of status=$st (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    wrk -c16 -t2 -d"${WRK_SECONDS}s" --latency -H "Cookie: $COOKIE" \
      "$BASE/api/v1/cases?status=$st&page=3&page_size=20" | sed -n '/Thread Stats/,$p'
  done
  # The same pages with a query of their own each: none from the page cache.
  log "wrk $d: page 3 of the three statuses, uncached (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -c16 -t2 -d"${WRK_SECONDS}s" --latency -s scripts/wrk-uncached.lua -H "Cookie: $COOKIE" \
    "$BASE" | sed -n '/Thread Stats/,$p'
  from=$(export_from "$d")
  for i in 1 2 3; do timed "cases.xlsx filed_from=$from" "$BASE/api/v1/reports/cases.xlsx?filed_from=$from"; done
  stop
  # Peak memory of a fresh server exporting every case.
  start "$d"
  login
  timed "cases.xlsx, every case" "$BASE/api/v1/reports/cases.xlsx"
  grep -E 'VmHWM|VmRSS' "/proc/$SERVER_PID/status"
  stop
}

# cpu_start DIALECT: notes the CPU time the server (and MariaDB) used so far;
# cpu_per_request N then prints their CPU per request over the N requests
# since, so that engine cost can be told from queueing on a loaded machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
CPU_DB_PID=
cpu_start() {
  CPU_DB_PID=
  if [ "$1" = mysql ]; then CPU_DB_PID=$(pgrep -o -x mariadbd || pgrep -o -x mysqld || true); fi
  CPU_SERVER0=$(cpu_ticks "$SERVER_PID")
  CPU_DB0=0
  if [ -n "$CPU_DB_PID" ]; then CPU_DB0=$(cpu_ticks "$CPU_DB_PID"); fi
}
cpu_per_request() {
  local n=$1 hz srv db=0
  hz=$(getconf CLK_TCK)
  srv=$(( $(cpu_ticks "$SERVER_PID") - CPU_SERVER0 ))
  if [ -n "$CPU_DB_PID" ]; then db=$(( $(cpu_ticks "$CPU_DB_PID") - CPU_DB0 )); fi
  awk -v n="$n" -v s="$srv" -v d="$db" -v hz="$hz" 'BEGIN {
    printf "CPU per request over %d requests: server %.2f ms, MariaDB %.2f ms\n", n, s * 1000 / hz / n, d * 1000 / hz / n }'
}

# sql DIALECT QUERY: runs QUERY on DIALECT's generated database.
sql() {
  if [ "$1" = mysql ]; then mysql_cli "$BENCH_DB" -e "$2"; else sqlite3 -header "$OUT/sqlite/fuyuan.db" "$2"; fi
}

# explain DIALECT QUERY: the database's plan of QUERY.
explain() {
  echo "-- $2"
  if [ "$1" = mysql ]; then sql mysql "EXPLAIN $2"; else sql sqlite "EXPLAIN QUERY PLAN $2"; fi
}

COURT="'粤1803'"
# list_plans DIALECT: the plans of the list's page queries (the ids of a
# page; the total comes from case_counts) for the filters of wrk-list.lua.
list_plans() {
  local d=$1 w
  log "plans of the case list's page query ($d)"
  for w in "" "AND status = 'closed'" "AND case_type = '行审'" "AND judge_id = 3" \
    "AND status = 'closed' AND case_type = '行审'" "AND judge_id = 3 AND status = 'filed'" \
    "AND judge_id = 3 AND case_type = '行初'" "AND judge_id = 3 AND case_type = '行初' AND status = 'mediating'" \
    "AND status <> 'closed'" "AND judge_id = 4 AND status <> 'closed'" "AND case_type = '行审' AND status <> 'closed'"; do
    explain "$d" "SELECT cases.id FROM cases WHERE cases.court_code = $COURT $w ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20 OFFSET 20000"
  done
  if [ "$d" = mysql ]; then
    log "the same on MariaDB with the index fuyuan forces (app.Store.listTable), where the optimizer chose another"
    explain "$d" "SELECT cases.id FROM cases FORCE INDEX (cases_court_status_filed_desc) WHERE cases.court_code = $COURT AND status = 'closed' ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20 OFFSET 20000"
    explain "$d" "SELECT cases.id FROM cases FORCE INDEX (cases_list_judge_type) WHERE cases.court_code = $COURT AND judge_id = 3 AND case_type = '行初' ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20 OFFSET 20000"
  fi
  log "a deep page from the day counts ($d): the days newest first, then the page from its day (page 2000 of closed cases: offset 39,980)"
  explain "$d" "SELECT filed_on, SUM(n) AS n FROM case_day_counts WHERE court_code = $COURT AND status = 'closed' GROUP BY filed_on ORDER BY filed_on DESC LIMIT 64"
  local day hint=""
  day=$(sql "$d" "SELECT filed_on FROM cases WHERE court_code = $COURT AND status = 'closed' ORDER BY filed_on DESC, id DESC LIMIT 1 OFFSET 39980" | tail -1)
  if [ "$d" = mysql ]; then hint="FORCE INDEX (cases_court_status_filed_desc)"; fi
  explain "$d" "SELECT cases.id FROM cases $hint WHERE cases.court_code = $COURT AND status = 'closed' AND cases.filed_on <= '$day' ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20 OFFSET 500"
}

# listbench DIALECT: wrk on the case list, every request different, without
# the page cache.
listbench() {
  local d=$1 i
  build
  export FUYUAN_LIST_CACHE=off
  start "$d"
  unset FUYUAN_LIST_CACHE
  login
  sleep 5
  for i in $(seq 1 16); do curl -fs -o /dev/null -b "$OUT/cookies" "$BASE/api/v1/cases?page=$i&status=closed"; done
  log "wrk $d: the case list, every request a different status × type × judge × page, page cache off (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  cpu_start "$d"
  wrk -c16 -t2 -d"${WRK_SECONDS}s" --latency -s scripts/wrk-list.lua -H "Cookie: $COOKIE" "$BASE" | sed -n '/Thread Stats/,$p' | tee "$OUT/wrk.out"
  cpu_per_request "$(awk '/requests in/ {print $1}' "$OUT/wrk.out")"
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  # One connection: each request's own time, without queueing behind the others.
  log "wrk $d: the same, one connection, 10 s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  cpu_start "$d"
  THREADS=1 wrk -c1 -t1 -d10s --latency -s scripts/wrk-list.lua -H "Cookie: $COOKIE" "$BASE" | sed -n '/Latency Distribution/,$p' | tee "$OUT/wrk.out"
  cpu_per_request "$(awk '/requests in/ {print $1}' "$OUT/wrk.out")"
  stop
  list_plans "$d"
}

# The searches timed: surnames, names, organs, numbers (whole, parts of
# four digits and of two).
SEARCHES=${SEARCHES:-张 李 陈晓 国平 林业 林业开发 清远 有限公司 自然资源局 人民政府 行初12 1803行审1 （2025）粤1803行初100号 行初1203号 12号 100 2025 3371 33}
# Timed again after the ledger import, whose 50,000 plaintiffs are named
# 原告NNNNN…: names holding digits, found by the digits of a number too.
SEARCHES_AFTER_IMPORT=${SEARCHES_AFTER_IMPORT:-原告3371 原告 林业开发 3371 33 2025}

# searchbench DIALECT: searchtimes, then the plans of the search.
searchbench() {
  searchtimes "$1"
  searchplans "$1"
}

# searchtimes DIALECT: each search of SEARCHES five times (the first of
# each cold), through the server without the page cache.
searchtimes() {
  local d=$1 q i t
  build
  export FUYUAN_LIST_CACHE=off
  start "$d"
  unset FUYUAN_LIST_CACHE
  login
  sleep 5
  log "search $d: GET /api/v1/cases?q=… five times each, page cache off (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  for q in $SEARCHES; do
    cpu_start "$d"
    t=()
    for i in 1 2 3 4 5; do
      # (a 503 is the request timeout: its time is shown with the status)
      t+=("$(curl -s --max-time 60 -b "$OUT/cookies" -o "$OUT/body" -w '%{time_total}' -G "$BASE/api/v1/cases" --data-urlencode "q=$q" | sed 's/$//')$(grep -q '"total"' "$OUT/body" || echo ' (503)')")
    done
    echo "q=$q: ${t[*]} s, $(grep -o '"total":[0-9]*' "$OUT/body"), load $(cut -d' ' -f1 /proc/loadavg); $(cpu_per_request 5)"
  done
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  stop
}

searchplans() {
  local d=$1
  log "plans of the search's count and page for q=张 and q=清远 ($d)"
  local names organs
  names=$(sql "$d" "SELECT term FROM case_search WHERE court_code = $COURT AND kind = 'p' AND term LIKE '%张%'" | tail -n +2 | sed "s/.*/'&'/" | paste -sd, -)
  organs=$(sql "$d" "SELECT id FROM organs WHERE name LIKE '%清远%'" | tail -n +2 | paste -sd, -)
  explain "$d" "SELECT COUNT(*) FROM cases WHERE cases.court_code = $COURT AND (cases.plaintiff_name IN ($names) AND cases.plaintiff_name LIKE '%张%' ESCAPE '!')"
  explain "$d" "SELECT cases.id FROM cases WHERE cases.court_code = $COURT AND (cases.plaintiff_name IN ($names) AND cases.plaintiff_name LIKE '%张%' ESCAPE '!') ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20"
  explain "$d" "SELECT COUNT(*) FROM cases WHERE cases.court_code = $COURT AND (cases.organ_id IN ($organs))"
  explain "$d" "SELECT cases.id FROM cases WHERE cases.court_code = $COURT AND (cases.organ_id IN ($organs)) ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20"
  log "plans of the search by number ($d): q=行初12, one of its ranges (year 2025, seqs 120–129); q=行初1203号, the cases named by id"
  explain "$d" "SELECT COUNT(*) FROM cases WHERE cases.court_code = $COURT AND (cases.court_code = $COURT AND cases.case_type = '行初' AND cases.year = 2025 AND cases.seq BETWEEN 120 AND 129)"
  explain "$d" "SELECT cases.id FROM cases WHERE cases.court_code = $COURT AND ((cases.court_code = $COURT AND cases.case_type = '行初' AND cases.year = 2025 AND cases.seq BETWEEN 120 AND 129) OR (cases.court_code = $COURT AND cases.case_type = '行初' AND cases.year = 2025 AND cases.seq BETWEEN 1200 AND 1299)) ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20"
  local ids table=cases
  ids=$(sql "$d" "SELECT id FROM cases WHERE court_code = $COURT AND case_type = '行初' AND seq = 1203" | tail -n +2 | paste -sd, -)
  if [ "$d" = sqlite ]; then table="cases NOT INDEXED"; fi
  explain "$d" "SELECT cases.id FROM $table WHERE cases.court_code = $COURT AND (cases.id IN ($ids)) ORDER BY cases.filed_on DESC, cases.id DESC LIMIT 20"
}

# cpu: the server's CPU time so far, in clock ticks.
cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

# exportbench DIALECT: the case-list export through a fresh server on the
# database gen made: the 100,000 latest filings three times, then every case
# from a fresh server, each with the server's CPU time, and its peak memory
# (VmHWM) for every case.
exportbench() {
  local d=$1 from c0 i
  build
  log "export $d (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  start "$d"
  login
  sleep 5
  from=$(export_from "$d")
  for i in 1 2 3; do
    c0=$(cpu)
    timed "cases.xlsx filed_from=$from" "$BASE/api/v1/reports/cases.xlsx?filed_from=$from"
    echo "  server CPU $(( ($(cpu) - c0) * 1000 / $(getconf CLK_TCK) )) ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  done
  stop
  start "$d"
  login
  c0=$(cpu)
  timed "cases.xlsx, every case" "$BASE/api/v1/reports/cases.xlsx"
  echo "  server CPU $(( ($(cpu) - c0) * 1000 / $(getconf CLK_TCK) )) ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -E 'VmHWM|VmRSS' "/proc/$SERVER_PID/status"
  stop
}

# import_ledger DIALECT: the 50,000-row ledger import through a fresh server,
# once the month-end archiver has written last month's report, as the import
# page sends it: with Accept: application/x-ndjson, the answer a line of
# progress every 500 rows, then the outcome.
import_ledger() {
  local d=$1 c0 c1
  build
  go run ./scripts/ledgerxlsx -rows 50000 -out "$OUT/ledger-50000.xlsx"
  log "import $d: 50,000 rows (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  start "$d"
  login
  # (a register whose last month is archived already logs nothing: a minute at most)
  for _ in $(seq 1 60); do
    [ "$(grep -c 'monthly report archived' "$OUT/server-$d.log")" -ge 2 ] && break
    sleep 1
  done
  echo 5 >"/proc/$SERVER_PID/clear_refs" # VmHWM from here
  c0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  curl -s -N --max-time 900 -b "$OUT/cookies" -H 'Accept: application/x-ndjson' -F "file=@$OUT/ledger-50000.xlsx" -o "$OUT/body" \
    -w "import: %{http_code} %{time_total} s\n" "$BASE/api/v1/imports/cases"
  echo "$(grep -c '"phase"' "$OUT/body") progress lines; the outcome: $(tail -n 1 "$OUT/body" | head -c 200)"
  c1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  echo "server CPU during the import: $(( (c1 - c0) / $(getconf CLK_TCK) )) s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -E 'VmHWM' "/proc/$SERVER_PID/status"
  stop
}

# quiet: waits (at most five minutes) for the machine to settle, e.g. MariaDB
# purging after a load: the export benchmark compares a two-core export
# with a one-core baseline, and other work on the machine slows the former.
quiet() {
  local i
  for i in $(seq 1 60); do
    awk '{exit !($1 < 1.2)}' /proc/loadavg && return 0
    sleep 5
  done
  echo "bench: the machine is still busy (load $(cut -d' ' -f1-3 /proc/loadavg)); measuring anyway" >&2
}

gobench() {
  quiet
  log "go: authorisation (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  go test -run '^$' -bench 'Authorize|Reload' -benchtime=2s ./rbac/
  log "go: BenchmarkScale at $CASES cases (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  FUYUAN_BENCH_CASES=$CASES FUYUAN_TEST_MYSQL_DSN="${MYSQL_DSN}test" FUYUAN_TEST_MYSQL_REQUIRED=1 \
    go test -run '^$' -bench 'BenchmarkScale' -benchtime=3x -timeout 120m ./reports/
  log "go: CI's run, -benchtime=1x (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  FUYUAN_TEST_MYSQL_DSN="${MYSQL_DSN}test" FUYUAN_TEST_MYSQL_REQUIRED=1 \
    go test -run '^$' -bench . -benchtime=1x -timeout 20m ./...
}

# galera: filings per second with 16 writers through one node and through two
# of a three-node Galera cluster on loopback (tests/ops, ports 18200-18223).
galera() {
  quiet
  log "galera: $GALERA_FILINGS filings, 16 writers, one node and two nodes (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  FUYUAN_TEST_GALERA_REQUIRED=1 go test -run '^$' -bench BenchmarkGaleraFilings \
    -benchtime="${GALERA_FILINGS}x" -count="$GALERA_COUNT" -timeout 30m ./tests/ops/
}

# filings: WRITERS concurrent writers (wrk connections, with
# scripts/wrk-file.lua) file cases of judge1 for FILINGS_SECONDS through one
# instance per DSN of FILINGS_DSNS, the writers shared between them (default:
# one instance on a fresh database with the demo courts). Prints wrk's
# figures per instance and the transactions each instance retried, then
# checks in the database that the year's numbers are distinct and
# consecutive and counts the filings.
filings() {
  local dsns i port n bases=() wrks=() per
  build
  if [ -z "${FILINGS_DSNS:-}" ]; then
    mysql_cli -e "DROP DATABASE IF EXISTS $FILINGS_DB; CREATE DATABASE $FILINGS_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
    dsns=("${MYSQL_DSN}${FILINGS_DB}?parseTime=true")
  else
    read -r -a dsns <<<"$FILINGS_DSNS"
  fi
  n=${#dsns[@]}
  per=$(( WRITERS / n ))
  log "filings: $WRITERS writers through $n instance(s), ${FILINGS_SECONDS}s (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  for i in "${!dsns[@]}"; do
    port=$(( PORT + 1 + i ))
    if curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; then
      echo "bench: something already answers on port $port; stop it first" >&2
      return 1
    fi
    env FUYUAN_DB=mysql "FUYUAN_DSN=${dsns[$i]}" FUYUAN_ADDR=127.0.0.1:$port "$BIN" -demo >"$OUT/filings-$i.log" 2>&1 &
    INSTANCE_PIDS+=($!)
    bases+=("http://127.0.0.1:$port")
  done
  for i in "${!bases[@]}"; do
    until curl -fs -o /dev/null "${bases[$i]}/readyz"; do
      kill -0 "${INSTANCE_PIDS[$i]}" 2>/dev/null || { cat "$OUT/filings-$i.log"; return 1; }
      sleep 0.2
    done
  done
  BASE=${bases[0]}
  curl -fs -c "$OUT/cookies" -H 'Content-Type: application/json' \
    -d '{"username":"judge1","password":"demo12345"}' "$BASE/api/v1/login" >/dev/null
  COOKIE="fuyuan_session=$(awk '$6 == "fuyuan_session" {print $7}' "$OUT/cookies")"
  ORGAN_ID=$(curl -fs -b "$OUT/cookies" "$BASE/api/v1/organs?page_size=1" | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
  export ORGAN_ID FILED_ON=2026-01-05
  for i in "${!bases[@]}"; do
    BENCH_TAG=$i wrk -c"$per" -t2 -d"${FILINGS_SECONDS}s" --latency -s scripts/wrk-file.lua -H "Cookie: $COOKIE" \
      "${bases[$i]}" >"$OUT/filings-wrk-$i.txt" &
    wrks+=($!)
  done
  wait "${wrks[@]}"
  for i in "${!bases[@]}"; do
    echo "--- instance $i (${bases[$i]}): $per writers"
    sed -n '/Thread Stats/,$p' "$OUT/filings-wrk-$i.txt"
    echo "transactions retried: $(grep -c '"msg":"transaction retried"' "$OUT/filings-$i.log" || true)," \
      "gave up: $(grep -c '"msg":"transaction gave up"' "$OUT/filings-$i.log" || true)," \
      "internal errors: $(grep -c '"msg":"internal error"' "$OUT/filings-$i.log" || true)"
  done
  # shellcheck disable=SC2086
  mysql_cli ${FILINGS_CHECK_ARGS:-$FILINGS_DB} -e "SELECT COUNT(*) AS filed_by_bench FROM cases WHERE plaintiff_name LIKE 'bench-%';
    SELECT COUNT(*) AS numbers, COUNT(DISTINCT seq) AS distinct_numbers, MIN(seq) AS first, MAX(seq) AS last
    FROM cases WHERE court_code = '粤1803' AND case_type = '行初' AND year = 2026"
  stop
}

clean() {
  rm -rf "$OUT"
  mysql_cli -e "DROP DATABASE IF EXISTS $BENCH_DB; DROP DATABASE IF EXISTS $FILINGS_DB"
}

what=${1:-all}
dialects=${2:-sqlite mysql}
case $what in
  machine) machine ;;
  gen) for d in $dialects; do gen "$d"; done ;;
  server) for d in $dialects; do server "$d"; done ;;
  list) for d in $dialects; do listbench "$d"; done ;;
  search) for d in $dialects; do searchbench "$d"; done ;;
  go) gobench ;;
  galera) galera ;;
  filings) filings ;;
  import) for d in $dialects; do import_ledger "$d"; done ;;
  export) for d in $dialects; do exportbench "$d"; done ;;
  figures) for d in $dialects; do figures "$d"; done ;;
  indexes) for d in $dialects; do indexes "$d"; done ;;
  second)
    machine
    for d in $dialects; do gen "$d"; done
    for d in $dialects; do figures "$d"; listbench "$d"; searchbench "$d"; exportbench "$d"; exportratio "$d"; indexes "$d"; done
    for d in $dialects; do import_ledger "$d"; SEARCHES=$SEARCHES_AFTER_IMPORT searchtimes "$d"; done
    if [ "$dialects" != sqlite ]; then filings; galera; fi
    machine
    ;;
  clean) clean ;;
  all)
    machine
    for d in $dialects; do gen "$d"; server "$d"; figures "$d"; listbench "$d"; searchbench "$d"; done
    gobench
    machine
    ;;
  *) echo "usage: $0 machine|gen|server|figures|list|search|go|galera|filings|export|import|indexes|second|all|clean [sqlite|mysql]" >&2; exit 2 ;;
esac
