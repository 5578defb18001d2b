-- +goose Up
-- The cases of a court per judge (0: none), type, status and filing month
-- (its first day), kept by the store with case_day_counts and from the same
-- deltas (app/case_counts.go): a deep page of the case list (newest filing
-- first) finds from these the month its first case was filed in, then reads
-- that month's days alone from case_day_counts, instead of every day since
-- the newest (a filter with few cases a day read hundreds; docs/benchmarks.md).
-- The indexes are those of case_day_counts (00150, 00170), by month.
CREATE TABLE case_month_counts (
    court_code TEXT NOT NULL REFERENCES courts(code),
    judge_id INTEGER NOT NULL,
    case_type TEXT NOT NULL,
    status TEXT NOT NULL,
    filed_month DATE NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (court_code, judge_id, case_type, status, filed_month)
) WITHOUT ROWID;
CREATE INDEX case_month_counts_month ON case_month_counts(court_code, filed_month, judge_id, case_type, status, n);
CREATE INDEX case_month_counts_status_month ON case_month_counts(court_code, status, filed_month, judge_id, case_type, n);
CREATE INDEX case_month_counts_judge_month ON case_month_counts(court_code, judge_id, filed_month, case_type, status, n);
CREATE INDEX case_month_counts_type_month ON case_month_counts(court_code, case_type, filed_month, judge_id, status, n);
INSERT INTO case_month_counts (court_code, judge_id, case_type, status, filed_month, n)
SELECT court_code, judge_id, case_type, status, date(filed_on, 'start of month'), SUM(n)
FROM case_day_counts GROUP BY court_code, judge_id, case_type, status, date(filed_on, 'start of month');

-- +goose Down
DROP TABLE case_month_counts;
