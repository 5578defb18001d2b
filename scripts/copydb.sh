#!/usr/bin/env bash
# Copies a MariaDB database into a fresh one (every table, its rows and its
# indexes, the goose version table included), so that a measurement can
# change a copy of a generated register instead of the register itself:
#
#   scripts/copydb.sh SRC DST      # e.g. scripts/copydb.sh g_1m mine_1m (~5 min at 1,000,000 cases)
#
# MYSQL_ARGS: the mariadb client's arguments (-uroot).
set -euo pipefail
SRC=$1 DST=$2
MYSQL_ARGS=${MYSQL_ARGS:--uroot}
mariadb $MYSQL_ARGS -e "DROP DATABASE IF EXISTS \`$DST\`; CREATE DATABASE \`$DST\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
for t in $(mariadb $MYSQL_ARGS -N -e "SELECT table_name FROM information_schema.tables WHERE table_schema='$SRC' AND table_type='BASE TABLE'"); do
  # The columns that hold values (not generated: cases.seq_tail, 00430).
  cols=$(mariadb $MYSQL_ARGS -N -e "SET SESSION group_concat_max_len = 1048576; SELECT GROUP_CONCAT(CONCAT('\`', column_name, '\`') ORDER BY ordinal_position) FROM information_schema.columns
    WHERE table_schema='$SRC' AND table_name='$t' AND extra NOT LIKE '%GENERATED%'")
  mariadb $MYSQL_ARGS -e "SET foreign_key_checks=0; CREATE TABLE \`$DST\`.\`$t\` LIKE \`$SRC\`.\`$t\`; INSERT INTO \`$DST\`.\`$t\` ($cols) SELECT $cols FROM \`$SRC\`.\`$t\`"
done
echo "copied $SRC -> $DST"
