-- +goose Up
-- The case list and its export read the newest filings first (ORDER BY
-- filed_on DESC, id DESC). MariaDB 10.11 reads an ascending index backwards
-- for that order without stopping at a lower bound on filed_on: an export
-- of the cases filed since a day read every case of the court (a million
-- rows for a hundred thousand). Indexes in the list's own order are read
-- forwards and stop where the range ends. Ranges in the other direction
-- (the statistics) read them as well as before.
DROP INDEX cases_court_filed_order ON cases;
CREATE INDEX cases_court_filed_desc ON cases(court_code, filed_on DESC, id DESC);
DROP INDEX cases_court_judge_filed ON cases;
CREATE INDEX cases_court_judge_filed_desc ON cases(court_code, judge_id, filed_on DESC, id DESC);
DROP INDEX cases_court_status_filed ON cases;
CREATE INDEX cases_court_status_filed_desc ON cases(court_code, status, filed_on DESC, id DESC);

-- +goose Down
DROP INDEX cases_court_status_filed_desc ON cases;
CREATE INDEX cases_court_status_filed ON cases(court_code, status, filed_on);
DROP INDEX cases_court_judge_filed_desc ON cases;
CREATE INDEX cases_court_judge_filed ON cases(court_code, judge_id, filed_on);
DROP INDEX cases_court_filed_desc ON cases;
CREATE INDEX cases_court_filed_order ON cases(court_code, filed_on);
