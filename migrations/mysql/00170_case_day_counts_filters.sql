-- +goose Up
-- The day counts of a deep page of the case list filtered by status, judge
-- or case type (app/case_list.go, seekListDay), newest day first: along
-- case_day_counts_day each day costs every one of its rows, some twenty-five
-- of a court, of which a filter keeps a few; a status with few cases
-- (suspended) read every day of the register for a page. These read the
-- days of the filter's rows only.
CREATE INDEX case_day_counts_status_day ON case_day_counts(court_code, status, filed_on, judge_id, case_type, n);
CREATE INDEX case_day_counts_judge_day ON case_day_counts(court_code, judge_id, filed_on, case_type, status, n);
CREATE INDEX case_day_counts_type_day ON case_day_counts(court_code, case_type, filed_on, judge_id, status, n);

-- +goose Down
DROP INDEX case_day_counts_type_day ON case_day_counts;
DROP INDEX case_day_counts_judge_day ON case_day_counts;
DROP INDEX case_day_counts_status_day ON case_day_counts;
