-- +goose Up
-- The case-list change counters (00022's case_list_changes) are raised by
-- fuyuan in the transaction of each change (app/changes.go: a callback on the
-- store's statements and Store.Tx, one rule for both databases), no longer by
-- triggers. On a Galera cluster a node once failed to load 00022's triggers
-- after another node was killed: every write of that node then answered
-- "Unknown trigger has an error in its body: 'Query was empty'" (issue 14).
-- The table and its rows stay; a court without a row gets one at its first
-- change.
DROP TRIGGER IF EXISTS courts_insert_lists;
DROP TRIGGER IF EXISTS cases_insert_lists;
DROP TRIGGER IF EXISTS cases_update_lists;
DROP TRIGGER IF EXISTS cases_delete_lists;
DROP TRIGGER IF EXISTS case_counts_insert_lists;
DROP TRIGGER IF EXISTS case_counts_update_lists;
DROP TRIGGER IF EXISTS case_counts_delete_lists;
DROP TRIGGER IF EXISTS case_mediators_insert_lists;
DROP TRIGGER IF EXISTS case_mediators_update_lists;
DROP TRIGGER IF EXISTS case_mediators_delete_lists;
DROP TRIGGER IF EXISTS excluded_periods_insert_lists;
DROP TRIGGER IF EXISTS excluded_periods_update_lists;
DROP TRIGGER IF EXISTS excluded_periods_delete_lists;
DROP TRIGGER IF EXISTS organs_update_lists;
DROP TRIGGER IF EXISTS organs_delete_lists;
DROP TRIGGER IF EXISTS users_update_lists;

-- +goose Down
CREATE TRIGGER courts_insert_lists AFTER INSERT ON courts FOR EACH ROW
    INSERT INTO case_list_changes (court_code, n) VALUES (NEW.code, 0);
CREATE TRIGGER cases_insert_lists AFTER INSERT ON cases FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
CREATE TRIGGER cases_update_lists AFTER UPDATE ON cases FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
CREATE TRIGGER cases_delete_lists AFTER DELETE ON cases FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = OLD.court_code;
CREATE TRIGGER case_counts_insert_lists AFTER INSERT ON case_counts FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
CREATE TRIGGER case_counts_update_lists AFTER UPDATE ON case_counts FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
CREATE TRIGGER case_counts_delete_lists AFTER DELETE ON case_counts FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = OLD.court_code;
CREATE TRIGGER case_mediators_insert_lists AFTER INSERT ON case_mediators FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
CREATE TRIGGER case_mediators_update_lists AFTER UPDATE ON case_mediators FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
CREATE TRIGGER case_mediators_delete_lists AFTER DELETE ON case_mediators FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = OLD.case_id);
CREATE TRIGGER excluded_periods_insert_lists AFTER INSERT ON excluded_periods FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
CREATE TRIGGER excluded_periods_update_lists AFTER UPDATE ON excluded_periods FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
CREATE TRIGGER excluded_periods_delete_lists AFTER DELETE ON excluded_periods FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = OLD.case_id);
CREATE TRIGGER organs_update_lists AFTER UPDATE ON organs FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
CREATE TRIGGER organs_delete_lists AFTER DELETE ON organs FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = OLD.court_code;
CREATE TRIGGER users_update_lists AFTER UPDATE ON users FOR EACH ROW
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
