-- fuyuan on MariaDB 10.11 or MySQL 8: the database and least-privilege accounts.
-- Run once as the database administrator, after replacing both passwords:
--
--   sed -e 's/CHANGE-THIS-PASSWORD/<app password>/' -e 's/CHANGE-THIS-TOO/<backup password>/' \
--       mariadb-setup.sql | sudo mariadb
--
-- Accounts are bound to the addresses the instances connect from. With fuyuan
-- on the database server itself that is 127.0.0.1 (fuyuan connects over TCP);
-- for app servers elsewhere, repeat the CREATE USER and GRANT lines with their
-- addresses, e.g. 'fuyuan'@'10.0.0.11' — never '%'.

CREATE DATABASE IF NOT EXISTS fuyuan CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The application: reads and writes rows, and creates and changes its own
-- tables when a new version migrates the schema at start. Nothing outside
-- the fuyuan database; no FILE, PROCESS, SUPER, GRANT OPTION. fuyuan creates
-- no triggers; TRIGGER lets it drop those of versions before migration 00060
-- and restore a dump taken before it (deploy/README.md).
CREATE USER IF NOT EXISTS 'fuyuan'@'127.0.0.1' IDENTIFIED BY 'CHANGE-THIS-PASSWORD';
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP, REFERENCES, TRIGGER
    ON fuyuan.* TO 'fuyuan'@'127.0.0.1';

-- Backups (deploy/backup.sh with FUYUAN_BACKUP_DSN): read only. SHOW VIEW and
-- TRIGGER let mariadb-dump copy the definitions; --single-transaction needs no locks.
CREATE USER IF NOT EXISTS 'fuyuan_backup'@'127.0.0.1' IDENTIFIED BY 'CHANGE-THIS-TOO';
GRANT SELECT, SHOW VIEW, TRIGGER ON fuyuan.* TO 'fuyuan_backup'@'127.0.0.1';

-- Restores (deploy/restore.sh) run with the fuyuan account: its CREATE and
-- DROP on fuyuan.* let it recreate the database and its tables.
