-- +goose Up
-- The case list's change counter, one row per court instead of one row for
-- all (00021's change_counter, which every write of every court raised, so
-- that all writers collided on it — on a Galera cluster, certainly). A court's
-- row is raised in the transaction of every change to what that court's case
-- list shows: its cases, their counts (the list's total), mediators and
-- suspensions, and the names of its organs and judges. A change to anything
-- else (a meeting, a letter, a login) raises none. An instance that keeps a
-- court's list pages in memory keeps them under the number it read before
-- reading them (app/web/pagecache.go).
--
-- This migration created triggers that raised the rows. Since 00060 fuyuan
-- raises them itself (app/changes.go) and 00060 drops the triggers of a
-- database migrated before; a new database never has them (issue 14: on a
-- Galera cluster a node once failed to load them).
CREATE TABLE case_list_changes (
    court_code VARCHAR(16) NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO case_list_changes (court_code, n) SELECT code, 0 FROM courts;
DROP TABLE change_counter;

-- +goose Down
DROP TRIGGER IF EXISTS users_update_lists;
DROP TRIGGER IF EXISTS organs_delete_lists;
DROP TRIGGER IF EXISTS organs_update_lists;
DROP TRIGGER IF EXISTS excluded_periods_delete_lists;
DROP TRIGGER IF EXISTS excluded_periods_update_lists;
DROP TRIGGER IF EXISTS excluded_periods_insert_lists;
DROP TRIGGER IF EXISTS case_mediators_delete_lists;
DROP TRIGGER IF EXISTS case_mediators_update_lists;
DROP TRIGGER IF EXISTS case_mediators_insert_lists;
DROP TRIGGER IF EXISTS case_counts_delete_lists;
DROP TRIGGER IF EXISTS case_counts_update_lists;
DROP TRIGGER IF EXISTS case_counts_insert_lists;
DROP TRIGGER IF EXISTS cases_delete_lists;
DROP TRIGGER IF EXISTS cases_update_lists;
DROP TRIGGER IF EXISTS cases_insert_lists;
DROP TRIGGER IF EXISTS courts_insert_lists;
DROP TABLE case_list_changes;
CREATE TABLE change_counter (
    id BIGINT NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT INTO change_counter (id, n) VALUES (1, 0);
