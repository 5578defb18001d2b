-- +goose Up
-- The filing's look-up of the resolved cases it re-files reads the closing
-- day, method and status from the plaintiff-key index itself: without
-- ANALYZE's statistics SQLite otherwise preferred the wide closings' index
-- (court_code first) and read a year of the court's closings per filing.
DROP INDEX cases_court_plaintiff_key;
CREATE INDEX cases_court_plaintiff_key ON cases(court_code, plaintiff_key, organ_id, closed_on, close_method, status, filed_on);

-- +goose Down
DROP INDEX cases_court_plaintiff_key;
CREATE INDEX cases_court_plaintiff_key ON cases(court_code, plaintiff_key, organ_id);
