-- +goose Up
-- The cases of a court per judge (0: none), type, status and filing month
-- (its first day), kept by the store with case_day_counts and from the same
-- deltas (app/case_counts.go): a deep page of the case list (newest filing
-- first) finds from these the month its first case was filed in, then reads
-- that month's days alone from case_day_counts, instead of every day since
-- the newest (a filter with few cases a day read hundreds; docs/benchmarks.md).
-- The indexes are those of case_day_counts (00150, 00170), by month.
CREATE TABLE case_month_counts (
    court_code VARCHAR(16) NOT NULL,
    judge_id BIGINT NOT NULL,
    case_type VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    filed_month DATE NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (court_code, judge_id, case_type, status, filed_month),
    KEY case_month_counts_month (court_code, filed_month, judge_id, case_type, status, n),
    KEY case_month_counts_status_month (court_code, status, filed_month, judge_id, case_type, n),
    KEY case_month_counts_judge_month (court_code, judge_id, filed_month, case_type, status, n),
    KEY case_month_counts_type_month (court_code, case_type, filed_month, judge_id, status, n),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO case_month_counts (court_code, judge_id, case_type, status, filed_month, n)
SELECT court_code, judge_id, case_type, status, filed_on - INTERVAL (DAYOFMONTH(filed_on) - 1) DAY, SUM(n)
FROM case_day_counts GROUP BY court_code, judge_id, case_type, status, filed_on - INTERVAL (DAYOFMONTH(filed_on) - 1) DAY;

-- +goose Down
DROP TABLE case_month_counts;
