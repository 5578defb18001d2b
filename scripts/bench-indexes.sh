#!/bin/bash
# What each index costs, on a generated register (scripts/bench.sh gen):
#
#   disk   the size of every index of 1 MiB or more (SQLite: dbstat; MariaDB:
#          mysql.innodb_index_stats' size × the page size), largest first;
#   write  the time of inserting ROWS cases (copied from the register) into
#          an empty copy of the cases table: with the primary key only, then
#          with each secondary index alone (its cost: the difference), then
#          with all of them; each the least of REPEAT runs (3), in CPU time
#          on SQLite (sqlite3's .timer), wall time on MariaDB. The register itself is not written: the copy is
#          a table of its own (MariaDB) or in a database of its own attached
#          beside it (SQLite), dropped at the end.
#
#   scripts/bench-indexes.sh sqlite|mysql
#
# SQLDIR (the directory of fuyuan.db; /tmp/fuyuan-bench/sqlite) or MYSQL_DB
# (fuyuan_bench on 127.0.0.1:3306, root) name the register. ROWS: 20000.
# An empty copy holds small b-trees: the absolute times are those of an
# index that fits in memory; what compares is one index against another.
set -euo pipefail
D=$1
ROWS=${ROWS:-20000}
REPEAT=${REPEAT:-3}
SQLDIR=${SQLDIR:-/tmp/fuyuan-bench/sqlite}
MYSQL_DB=${MYSQL_DB:-fuyuan_bench}

my() { mariadb -uroot --protocol=tcp -h127.0.0.1 -N "$MYSQL_DB" "$@"; }
# ms: milliseconds since the epoch.
ms() { date +%s%3N; }

if [ "$D" = mysql ]; then
  echo "-- disk: indexes of 1 MiB or more (innodb_index_stats, page $(my -e 'SELECT @@innodb_page_size') B)"
  my -e "ANALYZE TABLE cases" >/dev/null
  printf '%-32s %-44s %10s\n' table index MiB
  my -e "SELECT table_name, index_name, ROUND(stat_value * @@innodb_page_size / 1048576, 1)
    FROM mysql.innodb_index_stats WHERE database_name = '$MYSQL_DB' AND stat_name = 'size'
    AND stat_value * @@innodb_page_size >= 1048576 ORDER BY stat_value DESC" |
    awk -F'\t' '{printf "%-32s %-44s %10s\n", $1, $2, $3}'
  mapfile -t idx < <(my -e "SELECT DISTINCT index_name FROM information_schema.statistics
    WHERE table_schema = '$MYSQL_DB' AND table_name = 'cases' AND index_name <> 'PRIMARY' ORDER BY index_name")
  # The columns that hold values (not generated: seq_tail, 00430).
  cols=$(my -e "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position) FROM information_schema.columns
    WHERE table_schema = '$MYSQL_DB' AND table_name = 'cases' AND extra NOT LIKE '%GENERATED%'")
  # The definition of each index, to add it back to the copy one at a time.
  declare -A def
  for i in "${idx[@]}"; do
    def[$i]=$(my -e "SELECT CONCAT(IF(MAX(non_unique) = 0, 'UNIQUE ', ''), 'INDEX \`', index_name, '\` (',
      GROUP_CONCAT(CONCAT('\`', column_name, '\`', IF(collation = 'D', ' DESC', '')) ORDER BY seq_in_index), ')')
      FROM information_schema.statistics WHERE table_schema = '$MYSQL_DB' AND table_name = 'cases' AND index_name = '$i' GROUP BY index_name")
  done
  my -e "DROP TABLE IF EXISTS bench_index_cases; CREATE TABLE bench_index_cases LIKE cases"
  trap 'my -e "DROP TABLE IF EXISTS bench_index_cases"' EXIT
  insert() {
    local t0 t best=
    for _ in $(seq "$REPEAT"); do
      my -e "TRUNCATE bench_index_cases"
      t0=$(ms)
      my -e "INSERT INTO bench_index_cases ($cols) SELECT $cols FROM cases ORDER BY id DESC LIMIT $ROWS"
      t=$(( $(ms) - t0 ))
      if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    echo "$best"
  }
  all=$(insert)
  for i in "${idx[@]}"; do my -e "ALTER TABLE bench_index_cases DROP INDEX \`$i\`"; done
  base=$(insert)
  echo "-- write: $ROWS cases into an empty copy of cases: primary key only $base ms, with all ${#idx[@]} secondary indexes $all ms"
  printf '%-44s %10s %10s\n' index ms "+ms"
  for i in "${idx[@]}"; do
    my -e "ALTER TABLE bench_index_cases ADD ${def[$i]}"
    t=$(insert)
    printf '%-44s %10s %10s\n' "$i" "$t" "$((t - base))"
    my -e "ALTER TABLE bench_index_cases DROP INDEX \`$i\`"
  done
else
  DB=$SQLDIR/fuyuan.db
  lite() { sqlite3 "$DB" "$@"; }
  echo "-- disk: indexes and tables of 1 MiB or more (dbstat)"
  printf '%-44s %10s\n' name MiB
  lite -separator ' ' "SELECT name, ROUND(SUM(pgsize) / 1048576.0, 1) FROM dbstat GROUP BY name
    HAVING SUM(pgsize) >= 1048576 ORDER BY SUM(pgsize) DESC" | awk '{printf "%-44s %10s\n", $1, $2}'
  COPY=$(mktemp -d)/copy.db
  trap 'rm -rf "$(dirname "$COPY")"' EXIT
  table=$(lite "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'" |
    sed -e '1s/CREATE TABLE cases/CREATE TABLE b.bench_index_cases/' -e 's/ REFERENCES [a-z_]*([a-z_]*)//g')
  mapfile -t idx < <(lite "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL ORDER BY name")
  cols=$(lite "SELECT group_concat(name, ', ') FROM pragma_table_info('cases')")
  # run SQL…: the statements on the register with the copy attached as b
  # (the copy's schema first, then the timed insert).
  run() { printf '%s\n' "ATTACH '$COPY' AS b;" "$@" | sqlite3 "$DB"; }
  # insert [INDEX SQL…]: the least CPU time (user + sys, ms) of REPEAT
  # inserts into a fresh copy with the given indexes.
  insert() {
    local t best= extra=("$@")
    for _ in $(seq "$REPEAT"); do
      rm -f "$COPY"
      run "$table;" "${extra[@]}" >/dev/null
      t=$(run ".timer on" "INSERT INTO b.bench_index_cases ($cols) SELECT $cols FROM main.cases ORDER BY id DESC LIMIT $ROWS;" |
        awk '/Run Time/ {printf "%d", ($6 + $8) * 1000}')
      if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    echo "$best"
  }
  idxsql() { lite "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '$1'" |
    sed -e "s/^CREATE \(UNIQUE \)\?INDEX \([a-z_0-9]*\) ON cases/CREATE \1INDEX b.\2 ON bench_index_cases/"; }
  all_sql=()
  for i in "${idx[@]}"; do all_sql+=("$(idxsql "$i");"); done
  base=$(insert)
  all=$(insert "${all_sql[@]}")
  echo "-- write: $ROWS cases into an empty copy of cases: primary key only $base ms, with all ${#idx[@]} secondary indexes $all ms"
  printf '%-44s %10s %10s\n' index ms "+ms"
  for i in "${idx[@]}"; do
    t=$(insert "$(idxsql "$i");")
    printf '%-44s %10s %10s\n' "$i" "$t" "$((t - base))"
  done
fi
