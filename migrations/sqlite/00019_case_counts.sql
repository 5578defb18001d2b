-- +goose Up
-- The number of cases per court, judge (0: none), type and status, kept by
-- the store in the transaction that files a case or changes one of these
-- four (app/case_counts.go), so that the case list's total for the common
-- filters (status, type, judge, a judge's own cases) is a sum of a few rows
-- instead of a count of up to every case of the court.
CREATE TABLE case_counts (
    court_code TEXT NOT NULL REFERENCES courts(code),
    judge_id INTEGER NOT NULL,
    case_type TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (court_code, judge_id, case_type, status)
);
INSERT INTO case_counts (court_code, judge_id, case_type, status, n)
SELECT court_code, COALESCE(judge_id, 0), case_type, status, COUNT(*)
FROM cases GROUP BY court_code, COALESCE(judge_id, 0), case_type, status;

-- +goose Down
DROP TABLE case_counts;
