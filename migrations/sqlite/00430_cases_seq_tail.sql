-- +goose Up
-- The last four digits of a case's seq (seq % 10000, its tail) with the
-- list's filters: a search by digits in too many seqs to list (q=33) with
-- a filter (status, judge) counts the cases whose seq holds the digits in
-- its last four by the tails that hold them (q=33: 280 ranges of this
-- index, app/case_search_number.go countWideTails), where by runs of seqs
-- on cases_number_filters it read 10,000 ranges (most of them one seq).
CREATE INDEX cases_seq_tail ON cases(court_code, (seq % 10000), status, judge_id, case_type, year, seq);

-- +goose Down
DROP INDEX cases_seq_tail;
