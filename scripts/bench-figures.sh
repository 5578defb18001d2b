#!/bin/bash
# Times the figures of issue 16 and 20 on a 1,000,000-case register with the
# real server: /stats for 2025 without and with by=organ|region|domain|judge,
# the monthly report of 2025-12 and the white paper of 2025, N times each
# after six warming requests, with the load average and the server's own CPU
# time (utime + stime from /proc, less sensitive to a shared machine than the
# wall time) per request, once the server's start-up work is done (see
# below; IDLE_WAIT bounds the wait, 600 s).
#
#   scripts/bench-figures.sh BIN sqlite|mysql PORT [N]
#
# SQLDIR (the directory holding fuyuan.db) or MYSQL_DB (a database on
# 127.0.0.1:3306, root) name the register; the request timeout is raised to
# 120 s (TIMEOUT) so that a loaded machine's slow answers are timed, not 503.
set -u
BIN=$1; D=$2; PORT=$3; N=${4:-3}
OUT=${OUT:-/tmp/fuyuan-bench-figures}/$D-$PORT; mkdir -p "$OUT"
export FUYUAN_TODAY=2026-01-10
if [ "$D" = mysql ]; then
  DBENV=(FUYUAN_DB=mysql "FUYUAN_DSN=root@tcp(127.0.0.1:3306)/${MYSQL_DB:-fuyuan_bench}?parseTime=true")
else
  DBENV=(FUYUAN_DB=sqlite "FUYUAN_DATA=${SQLDIR:-/tmp/fuyuan-bench/sqlite}")
fi
BASE=http://127.0.0.1:$PORT
env "${DBENV[@]}" FUYUAN_REQUEST_TIMEOUT="${TIMEOUT:-120s}" FUYUAN_ADDR=127.0.0.1:$PORT "$BIN" >"$OUT/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null' EXIT
until curl -fs -o /dev/null "$BASE/healthz"; do kill -0 $PID 2>/dev/null || { tail "$OUT/server.log"; exit 1; }; sleep 0.2; done
curl -fs -c "$OUT/cookies" -H 'Content-Type: application/json' -d '{"username":"leader","password":"demo12345"}' "$BASE/api/v1/login" >/dev/null
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
# On MariaDB the work is in mysqld: its CPU per request is given too (it
# also counts whatever other clients asked of it meanwhile).
MYSQLD=$( [ "$D" = mysql ] && pgrep -o -x mariadbd || pgrep -o -x mysqld || true)
# The first start of a server on a register, each day, does that day's work
# before anything else: the reminder sweep of every court and the month-end
# archive (two monthly reports) when missing; on a register gen just made,
# 8 s of server CPU at 1,000,000 cases on SQLite. Measured meanwhile, the
# requests would be slowed by it and charged with its CPU (the server's
# utime + stime is the whole process's), as in the second round's run: so
# the measurement waits until the server has been idle (under 20 ms of CPU
# a second, and on MariaDB no query of its database running) for two
# seconds in a row, at most IDLE_WAIT seconds.
busy() {
  local c0 c1
  c0=$(cpu $PID); sleep 1; c1=$(cpu $PID)
  [ $(( (c1 - c0) * 10 )) -ge 20 ] && return 0
  [ "$D" = mysql ] && [ "$(mariadb -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM information_schema.PROCESSLIST
    WHERE DB = '${MYSQL_DB:-fuyuan_bench}' AND COMMAND = 'Query'")" != 0 ] && return 0
  return 1
}
s0=$SECONDS; quiet=0
while [ $quiet -lt 2 ] && [ $((SECONDS - s0)) -lt "${IDLE_WAIT:-600}" ]; do
  if busy; then quiet=0; else quiet=$((quiet + 1)); fi
done
echo "start-up work: server CPU $(( $(cpu $PID) * 10 )) ms, idle after $((SECONDS - s0)) s (load $(cut -d' ' -f1 /proc/loadavg))"
grep -hoE '"msg":"(monthly report archived|reminders: swept)"[^}]*' "$OUT/server.log" | sed 's/^/  /'
t() {
  printf '%-22s load %5s  ' "$1" "$(cut -d' ' -f1 /proc/loadavg)"
  c0=$(cpu $PID); m0=$( [ -n "$MYSQLD" ] && cpu "$MYSQLD" || echo 0)
  r=$(curl -s --max-time 900 -b "$OUT/cookies" -o "$OUT/body" -w "%{http_code} %{time_total}s %{size_download}B" "$2")
  c1=$(cpu $PID); m1=$( [ -n "$MYSQLD" ] && cpu "$MYSQLD" || echo 0)
  echo "$r  server CPU $(( (c1 - c0) * 10 )) ms${MYSQLD:+  mysqld CPU $(( (m1 - m0) * 10 )) ms}"
}
sleep 3
S="$BASE/api/v1/stats?from=2025-01-01&to=2025-12-31"
for i in 1 2 3 4 5 6; do curl -fs -o /dev/null -b "$OUT/cookies" "$S"; done
for by in "" organ region domain judge; do
  u="$S"; [ -n "$by" ] && u="$S&by=$by"
  for i in $(seq "$N"); do t "stats by=$by" "$u"; done
done
for i in $(seq "$N"); do t "monthly 2025-12" "$BASE/api/v1/reports/monthly.xlsx?month=2025-12"; done
for i in $(seq "$N"); do t "white-paper 2025" "$BASE/api/v1/reports/white-paper.docx?year=2025"; done
grep -E 'VmHWM' /proc/$PID/status
