-- +goose Up
-- The case list shows the newest filings first (ORDER BY filed_on DESC, id
-- DESC). An index on (court_code, filed_on) ends with the case id, so the
-- register's first pages and a month's filings are read in that order
-- without sorting the court's cases; (court_code, filed_on, case_type) of
-- 00014 cannot give the order of the ids within a day. A judge's own cases
-- (scope "own", the judge_id filter) get the same from (court_code,
-- judge_id, filed_on). At a million cases MariaDB sorted every case of the
-- court (or all of a judge's) for one page of twenty.
CREATE INDEX cases_court_filed_order ON cases(court_code, filed_on);
CREATE INDEX cases_court_judge_filed ON cases(court_code, judge_id, filed_on);

-- +goose Down
DROP INDEX cases_court_judge_filed ON cases;
DROP INDEX cases_court_filed_order ON cases;
