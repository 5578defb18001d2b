-- +goose Up
-- The last four digits of a case's seq (seq % 10000, its tail) with the
-- list's filters: a search by digits in too many seqs to list (q=33) with
-- a filter (status, judge) counts the cases whose seq holds the digits in
-- its last four by the tails that hold them (q=33: 280 ranges of this
-- index, app/case_search_number.go countWideTails), where by runs of seqs
-- in an OR of 10,000 ranges of cases_number_filters it read each of them
-- (most of them one seq). MariaDB indexes an expression through a virtual
-- column (not stored; no read of the case row names it).
ALTER TABLE cases ADD COLUMN seq_tail INT AS (seq % 10000) VIRTUAL,
  ADD INDEX cases_seq_tail (court_code, seq_tail, status, judge_id, case_type, year, seq);

-- +goose Down
ALTER TABLE cases DROP INDEX cases_seq_tail, DROP COLUMN seq_tail;
