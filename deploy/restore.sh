#!/usr/bin/env bash
# restore.sh — put a backup made by backup.sh back in place.
#
#   restore.sh [-e ENV_FILE] [-y] BACKUP_FILE
#
# Stop every fuyuan instance first (systemctl stop 'fuyuan@*'), then start
# them again afterwards; at start they apply any newer migrations.
#
# MySQL/MariaDB: the database named in FUYUAN_DSN is dropped and created anew
# from the dump (so no table of a newer version is left behind). Because that
# throws away what is there, a database that has tables is only replaced with -y.
# SQLite: the database under FUYUAN_DATA is replaced; the old file is kept
# beside it as fuyuan.db.before-restore-<time>.
#
# The backup's .sha256 file, when present beside it, must match.
set -euo pipefail
umask 077

env_file=/etc/fuyuan/fuyuan.env
yes=no
while getopts "e:yh" opt; do
  case "$opt" in
    e) env_file=$OPTARG ;;
    y) yes=yes ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { sed -n '2,16p' "$0"; exit 2; }
backup=$1
[ -r "$backup" ] || { echo "restore: cannot read $backup" >&2; exit 1; }

# load_env exports the KEY=VALUE lines of a systemd EnvironmentFile (quotes
# around a value are removed; nothing in the file is run as shell code).
load_env() {
  local line key value
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
    key=${BASH_REMATCH[1]}
    value=${BASH_REMATCH[2]}
    if [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]]; then
      value=${BASH_REMATCH[1]}
    fi
    export "$key=$value"
  done <"$1"
}

[ -r "$env_file" ] || { echo "restore: cannot read $env_file" >&2; exit 1; }
load_env "$env_file"
bin=${FUYUAN_BIN:-/usr/local/bin/fuyuan}

if [ -r "$backup.sha256" ]; then
  (cd "$(dirname "$backup")" && sha256sum --quiet -c "$(basename "$backup").sha256") ||
    { echo "restore: $backup does not match its .sha256 — not restored" >&2; exit 1; }
fi
gzip -t "$backup" || { echo "restore: $backup is not a complete gzip file" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "${FUYUAN_DB:-sqlite}" in
  mysql)
    case "$(basename "$backup")" in
      fuyuan-mysql-*.sql.gz) ;;
      *) echo "restore: $backup is not a MySQL backup (fuyuan-mysql-*.sql.gz)" >&2; exit 1 ;;
    esac
    db=$("$bin" client-config -out "$work/client.cnf")
    tables=$(mariadb --defaults-extra-file="$work/client.cnf" -N -B -e \
      "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$db'")
    if [ "$tables" != 0 ] && [ "$yes" != yes ]; then
      echo "restore: database $db has $tables tables; run again with -y to replace it" >&2
      exit 1
    fi
    mariadb --defaults-extra-file="$work/client.cnf" -e \
      "DROP DATABASE IF EXISTS \`$db\`; CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
    gzip -dc "$backup" | mariadb --defaults-extra-file="$work/client.cnf" "$db"
    echo "restore: database $db restored from $backup"
    ;;
  sqlite)
    case "$(basename "$backup")" in
      fuyuan-sqlite-*.db.gz) ;;
      *) echo "restore: $backup is not a SQLite backup (fuyuan-sqlite-*.db.gz)" >&2; exit 1 ;;
    esac
    data=${FUYUAN_DATA:-/var/lib/fuyuan}
    gzip -dc "$backup" >"$work/fuyuan.db"
    FUYUAN_DATA=$data "$bin" restore -from "$work/fuyuan.db"
    # Run as root, hand the file to the owner of the data folder (the service user).
    if [ "$(id -u)" = 0 ]; then
      chown "$(stat -c %u:%g "$data")" "$data/fuyuan.db"
    fi
    echo "restore: $data/fuyuan.db restored from $backup"
    ;;
  *)
    echo "restore: FUYUAN_DB=${FUYUAN_DB} is neither sqlite nor mysql" >&2
    exit 1
    ;;
esac
