#!/usr/bin/env bash
# The real server's peak memory (VmHWM of /proc/PID/status) before and after
# a 20 MiB attachment is uploaded and downloaded once, and while it is
# downloaded four times at once and in the case file's .zip
# (docs/benchmarks.md, "Attachments").
#
#   scripts/attachment_memory.sh [sqlite|mysql]
#
# The demo court is seeded by one process, which stops; a fresh process then
# serves, so that the peak measured is the serving one's. Nothing leaves
# 127.0.0.1. Environment: OUT (/tmp/fuyuan-attach-mem), PORT (19601),
# MYSQL_DSN (root@tcp(127.0.0.1:3306)/), MEM_DB (fuyuan_attach_mem, created
# afresh and dropped at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${1:-sqlite}
OUT=${OUT:-/tmp/fuyuan-attach-mem}
PORT=${PORT:-19601}
MYSQL_DSN=${MYSQL_DSN:-root@tcp(127.0.0.1:3306)/}
MEM_DB=${MEM_DB:-fuyuan_attach_mem}
BASE=http://127.0.0.1:$PORT
mkdir -p "$OUT"
go build -o "$OUT/fuyuan" ./cmd/fuyuan

export FUYUAN_ADDR=127.0.0.1:$PORT
case $DB in
sqlite)
	rm -rf "$OUT/data"
	export FUYUAN_DATA=$OUT/data ;;
mysql)
	mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $MEM_DB; CREATE DATABASE $MEM_DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
	export FUYUAN_DB=mysql FUYUAN_DSN="${MYSQL_DSN}${MEM_DB}?parseTime=true" ;;
*) echo "usage: $0 [sqlite|mysql]" >&2; exit 2 ;;
esac

serve() { # serve [-demo]: start the server, wait until it answers
	"$OUT/fuyuan" "$@" >"$OUT/server.log" 2>&1 &
	PID=$!
	for _ in $(seq 1 300); do
		grep -q '"fuyuan serving"' "$OUT/server.log" && return 0
		sleep 0.5
	done
	echo "the server did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; }
trap 'kill $PID 2>/dev/null || true' EXIT

serve -demo
stop
serve
hwm() { awk '/VmHWM/ {print $2}' "/proc/$PID/status"; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }

JAR=$OUT/cookies
curl -sf -c "$JAR" -H 'Content-Type: application/json' -d '{"username":"judge1","password":"demo12345"}' "$BASE/api/v1/login" >/dev/null
ME=$(curl -sf -b "$JAR" "$BASE/api/v1/me" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("user", d)["id"])')
CASE=$(curl -sf -b "$JAR" "$BASE/api/v1/cases?judge_id=$ME&page_size=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
for _ in 1 2 3; do # warm up: the case page, its JSON and the list
	curl -sf -b "$JAR" "$BASE/cases/$CASE" >/dev/null
	curl -sf -b "$JAR" "$BASE/api/v1/cases/$CASE" >/dev/null
	curl -sf -b "$JAR" "$BASE/api/v1/cases" >/dev/null
done
{ printf '%%PDF-1.7\n'; head -c $((20 * 1024 * 1024 - 9)) /dev/urandom; } >"$OUT/20mib.pdf"

echo "database: $DB; file: $(stat -c %s "$OUT/20mib.pdf") bytes"
BEFORE=$(hwm)
echo "before:               VmHWM ${BEFORE} kB  (VmRSS $(rss) kB)"
ID=$(curl -sf -b "$JAR" -F owner=case -F owner_id="$CASE" -F "file=@$OUT/20mib.pdf;filename=扫描件.pdf" "$BASE/api/v1/attachments" |
	python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("user", d)["id"])')
UP=$(hwm)
echo "after the upload:     VmHWM ${UP} kB  (+$(( (UP - BEFORE) / 1024 )) MB)"
curl -sf -b "$JAR" -o "$OUT/down.pdf" "$BASE/api/v1/attachments/$ID"
cmp "$OUT/20mib.pdf" "$OUT/down.pdf"
DOWN=$(hwm)
echo "after the download:   VmHWM ${DOWN} kB  (+$(( (DOWN - BEFORE) / 1024 )) MB; byte-identical)"
PIDS=()
for i in 1 2 3 4; do curl -sf -b "$JAR" -o "$OUT/down$i.pdf" "$BASE/api/v1/attachments/$ID" & PIDS+=($!); done
wait "${PIDS[@]}"
ZIP_BEFORE=$(hwm)
echo "after 4 at once:      VmHWM ${ZIP_BEFORE} kB  (+$(( (ZIP_BEFORE - BEFORE) / 1024 )) MB)"
curl -sf -b "$JAR" -o "$OUT/case.zip" "$BASE/api/v1/cases/$CASE/file.zip"
ZIP=$(hwm)
echo "after the case file:  VmHWM ${ZIP} kB  (+$(( (ZIP - BEFORE) / 1024 )) MB; zip $(stat -c %s "$OUT/case.zip") bytes)"
stop
trap - EXIT
if [ "$DB" = mysql ]; then mariadb -h127.0.0.1 -uroot -e "DROP DATABASE $MEM_DB"; fi
