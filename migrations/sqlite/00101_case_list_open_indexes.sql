-- +goose Up
-- The status at the end of the list's indexes without a status (the whole
-- register, a judge's cases) in the list's order: "open" (status <>
-- 'closed') is then checked in the index, and a deep page of open cases no
-- longer reads the case of every entry its OFFSET skips. They replace the
-- indexes of 00020 that they extend (nothing names those).
DROP INDEX cases_court_filed_desc;
CREATE INDEX cases_court_filed_desc_status ON cases(court_code, filed_on DESC, id DESC, status);
DROP INDEX cases_court_judge_filed_desc;
CREATE INDEX cases_court_judge_filed_desc_status ON cases(court_code, judge_id, filed_on DESC, id DESC, status);

-- +goose Down
DROP INDEX cases_court_judge_filed_desc_status;
CREATE INDEX cases_court_judge_filed_desc ON cases(court_code, judge_id, filed_on DESC, id DESC);
DROP INDEX cases_court_filed_desc_status;
CREATE INDEX cases_court_filed_desc ON cases(court_code, filed_on DESC, id DESC);
