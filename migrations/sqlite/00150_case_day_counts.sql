-- +goose Up
-- The cases of a court per judge (0: none), type, status and filing day,
-- kept by the store with case_counts (app/case_counts.go) in the
-- transaction that files a case or changes one of these five: a deep page
-- of the case list (newest filing first) finds from these the day its first
-- case was filed on and how many cases of that day come before it, and then
-- reads the index from that day on, instead of skipping up to every case
-- its OFFSET passes (docs/benchmarks.md, "The case list").
CREATE TABLE case_day_counts (
    court_code TEXT NOT NULL REFERENCES courts(code),
    judge_id INTEGER NOT NULL,
    case_type TEXT NOT NULL,
    status TEXT NOT NULL,
    filed_on DATE NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (court_code, judge_id, case_type, status, filed_on)
) WITHOUT ROWID;
CREATE INDEX case_day_counts_day ON case_day_counts(court_code, filed_on, judge_id, case_type, status, n);
INSERT INTO case_day_counts (court_code, judge_id, case_type, status, filed_on, n)
SELECT court_code, COALESCE(judge_id, 0), case_type, status, filed_on, COUNT(*)
FROM cases GROUP BY court_code, COALESCE(judge_id, 0), case_type, status, filed_on;

-- +goose Down
DROP TABLE case_day_counts;
