#!/usr/bin/env bash
# backup.sh — an online backup of fuyuan's database, for cron or a systemd timer.
#
#   backup.sh [-e ENV_FILE] [-d BACKUP_DIR] [-k KEEP_DAYS]
#
# MySQL/MariaDB: mariadb-dump --single-transaction (a consistent snapshot while
# fuyuan keeps serving), gzip-compressed. SQLite: `fuyuan backup` (VACUUM INTO,
# also online), gzip-compressed. Each backup gets a .sha256 file beside it;
# backups older than KEEP_DAYS are removed. Prints the path of the new backup.
#
# ENV_FILE defaults to /etc/fuyuan/fuyuan.env; it is read, not executed.
# FUYUAN_BIN (default /usr/local/bin/fuyuan) is the fuyuan program.
set -euo pipefail
umask 077

env_file=/etc/fuyuan/fuyuan.env
dir=""
keep=""
while getopts "e:d:k:h" opt; do
  case "$opt" in
    e) env_file=$OPTARG ;;
    d) dir=$OPTARG ;;
    k) keep=$OPTARG ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
  esac
done

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

[ -r "$env_file" ] || { echo "backup: cannot read $env_file" >&2; exit 1; }
load_env "$env_file"
bin=${FUYUAN_BIN:-/usr/local/bin/fuyuan}
dir=${dir:-${FUYUAN_BACKUP_DIR:-/var/backups/fuyuan}}
keep=${keep:-${FUYUAN_BACKUP_KEEP_DAYS:-30}}
[[ $keep =~ ^[0-9]+$ ]] || { echo "backup: KEEP_DAYS must be a number of days" >&2; exit 2; }
mkdir -p "$dir"
chmod 0700 "$dir"

stamp=$(date +%Y%m%dT%H%M%S)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "${FUYUAN_DB:-sqlite}" in
  mysql)
    # A separate read-only account, when configured, takes the dump.
    if [ -n "${FUYUAN_BACKUP_DSN:-}" ]; then
      db=$(FUYUAN_DSN=$FUYUAN_BACKUP_DSN "$bin" client-config -out "$work/client.cnf")
    else
      db=$("$bin" client-config -out "$work/client.cnf")
    fi
    out="$dir/fuyuan-mysql-$db-$stamp.sql.gz"
    mariadb-dump --defaults-extra-file="$work/client.cnf" \
      --single-transaction --quick --skip-lock-tables --skip-add-locks \
      --no-tablespaces --hex-blob --triggers --default-character-set=utf8mb4 \
      "$db" >"$work/dump.sql"
    # A complete dump ends with this line; anything else was cut short.
    tail -n 1 "$work/dump.sql" | grep -q '^-- Dump completed' || { echo "backup: the dump is incomplete" >&2; exit 1; }
    gzip -c "$work/dump.sql" >"$out.part"
    ;;
  sqlite)
    out="$dir/fuyuan-sqlite-$stamp.db.gz"
    "$bin" backup -to "$work/fuyuan.db"
    gzip -c "$work/fuyuan.db" >"$out.part"
    ;;
  *)
    echo "backup: FUYUAN_DB=${FUYUAN_DB} is neither sqlite nor mysql" >&2
    exit 1
    ;;
esac

mv "$out.part" "$out"
(cd "$dir" && sha256sum "$(basename "$out")" >"$(basename "$out").sha256")
find "$dir" -maxdepth 1 -type f -name 'fuyuan-*' -mtime +"$keep" -delete
echo "$out"
