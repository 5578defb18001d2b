-- +goose Up
-- The case list's change counter, one row per court instead of one row for
-- all (00021's change_counter, which every write of every court raised, so
-- that all writers collided on it — on a Galera cluster, certainly). A court's
-- row is raised, by the triggers below in the transaction of the write, by
-- every change to what that court's case list shows: its cases, their counts
-- (the list's total), mediators and suspensions, and the names of its organs
-- and judges. A change to anything else (a meeting, a letter, a login) raises
-- none. Triggers, so that no write path forgets it: the store's, `fuyuan gen`'s
-- bulk loader, a hand edit in the database. An instance that keeps a court's
-- list pages in memory keeps them under the number it read before reading
-- them (app/web/pagecache.go).
CREATE TABLE case_list_changes (
    court_code TEXT NOT NULL PRIMARY KEY REFERENCES courts(code),
    n BIGINT NOT NULL
);
INSERT INTO case_list_changes (court_code, n) SELECT code, 0 FROM courts;
-- +goose StatementBegin
CREATE TRIGGER courts_insert_lists AFTER INSERT ON courts BEGIN
    INSERT INTO case_list_changes (court_code, n) VALUES (NEW.code, 0);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER cases_insert_lists AFTER INSERT ON cases BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER cases_update_lists AFTER UPDATE ON cases BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER cases_delete_lists AFTER DELETE ON cases BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = OLD.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_counts_insert_lists AFTER INSERT ON case_counts BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_counts_update_lists AFTER UPDATE ON case_counts BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_counts_delete_lists AFTER DELETE ON case_counts BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = OLD.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_mediators_insert_lists AFTER INSERT ON case_mediators BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_mediators_update_lists AFTER UPDATE ON case_mediators BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER case_mediators_delete_lists AFTER DELETE ON case_mediators BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = OLD.case_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER excluded_periods_insert_lists AFTER INSERT ON excluded_periods BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER excluded_periods_update_lists AFTER UPDATE ON excluded_periods BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = NEW.case_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER excluded_periods_delete_lists AFTER DELETE ON excluded_periods BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = (SELECT c.court_code FROM cases c WHERE c.id = OLD.case_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organs_update_lists AFTER UPDATE ON organs BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organs_delete_lists AFTER DELETE ON organs BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = OLD.court_code;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_update_lists AFTER UPDATE ON users BEGIN
    UPDATE case_list_changes SET n = n + 1 WHERE court_code = NEW.court_code;
END;
-- +goose StatementEnd
DROP TABLE change_counter;

-- +goose Down
DROP TRIGGER users_update_lists;
DROP TRIGGER organs_delete_lists;
DROP TRIGGER organs_update_lists;
DROP TRIGGER excluded_periods_delete_lists;
DROP TRIGGER excluded_periods_update_lists;
DROP TRIGGER excluded_periods_insert_lists;
DROP TRIGGER case_mediators_delete_lists;
DROP TRIGGER case_mediators_update_lists;
DROP TRIGGER case_mediators_insert_lists;
DROP TRIGGER case_counts_delete_lists;
DROP TRIGGER case_counts_update_lists;
DROP TRIGGER case_counts_insert_lists;
DROP TRIGGER cases_delete_lists;
DROP TRIGGER cases_update_lists;
DROP TRIGGER cases_insert_lists;
DROP TRIGGER courts_insert_lists;
DROP TABLE case_list_changes;
CREATE TABLE change_counter (
    id INTEGER PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO change_counter (id, n) VALUES (1, 0);
