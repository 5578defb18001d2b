-- +goose Up
-- The number of a case (cases_number: court, type, year, seq) with the
-- status and the judge, the list's filters: a search by digits in too many
-- seqs to list (app/case_search.go, q=33) with such a filter counts its
-- cases by their runs of seqs (countWideRuns) on this index alone, where
-- along cases_number it read the row of each (37,000 at 1M cases, most of
-- the count's time).
CREATE INDEX cases_number_filters ON cases(court_code, case_type, year, seq, status, judge_id);

-- +goose Down
DROP INDEX cases_number_filters ON cases;
