-- +goose Up
-- The filing's look-up of the resolved cases it re-files reads the closing
-- day, method and status from the plaintiff-key index itself (SQLite without
-- statistics otherwise preferred the wide closings' index; the same index
-- on both dialects).
DROP INDEX cases_court_plaintiff_key ON cases;
CREATE INDEX cases_court_plaintiff_key ON cases(court_code, plaintiff_key, organ_id, closed_on, close_method, status, filed_on);

-- +goose Down
DROP INDEX cases_court_plaintiff_key ON cases;
CREATE INDEX cases_court_plaintiff_key ON cases(court_code, plaintiff_key, organ_id);
