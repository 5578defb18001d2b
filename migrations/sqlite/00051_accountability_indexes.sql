-- +goose Up
-- The accountability figures by organ, domain, judge, case type or cause
-- read a year of filings and the closings from a period's start on. These
-- indexes hold every column those aggregates read, the dimensions included,
-- so that they are read from the index alone, without a lookup per case.
CREATE INDEX cases_court_filed_dimensions ON cases(court_code, filed_on, case_type, organ_id, judge_id, domain, cause);
CREATE INDEX cases_court_closed_accountability ON cases(court_code, closed_on, status, case_type, close_method, judgment_result, organ_corrected, deadline_on, filed_on, organ_id, judge_id, domain, cause);

-- +goose Down
DROP INDEX cases_court_closed_accountability;
DROP INDEX cases_court_filed_dimensions;
