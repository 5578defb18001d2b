-- +goose Up
-- cases_court_judge (court_code, judge_id, status) is the leading columns of
-- cases_list_judge_status (00100), which serves every statement it served
-- (docs/benchmarks.md, genidx's section): one scan and sort of every case
-- fewer when `fuyuan gen` builds the indexes again, one entry fewer a
-- filing writes. The two other prefixes of a longer index are kept:
-- cases_court_plaintiff gives the list sorted by plaintiff (plaintiff_name,
-- id) without a sort, and cases_court_filed_type reads a range of filing
-- days for less than the longer cases_court_filed_dimensions.
DROP INDEX cases_court_judge ON cases;

-- +goose Down
CREATE INDEX cases_court_judge ON cases(court_code, judge_id, status);
