-- +goose Up
-- The case list's order (filed_on DESC, id DESC) in its indexes, as on
-- MariaDB (migrations/mysql/00020), where an ascending index read backwards
-- did not stop at a lower bound on filed_on. SQLite reads either direction
-- alike; the indexes are the same on both databases so that they have one
-- schema.
DROP INDEX cases_court_filed_order;
CREATE INDEX cases_court_filed_desc ON cases(court_code, filed_on DESC, id DESC);
DROP INDEX cases_court_judge_filed;
CREATE INDEX cases_court_judge_filed_desc ON cases(court_code, judge_id, filed_on DESC, id DESC);
DROP INDEX cases_court_status_filed;
CREATE INDEX cases_court_status_filed_desc ON cases(court_code, status, filed_on DESC, id DESC);

-- +goose Down
DROP INDEX cases_court_status_filed_desc;
CREATE INDEX cases_court_status_filed ON cases(court_code, status, filed_on);
DROP INDEX cases_court_judge_filed_desc;
CREATE INDEX cases_court_judge_filed ON cases(court_code, judge_id, filed_on);
DROP INDEX cases_court_filed_desc;
CREATE INDEX cases_court_filed_order ON cases(court_code, filed_on);
