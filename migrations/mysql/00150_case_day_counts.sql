-- +goose Up
-- The cases of a court per judge (0: none), type, status and filing day,
-- kept by the store with case_counts (app/case_counts.go) in the
-- transaction that files a case or changes one of these five: a deep page
-- of the case list (newest filing first) finds from these the day its first
-- case was filed on and how many cases of that day come before it, and then
-- reads the index from that day on, instead of skipping up to every case
-- its OFFSET passes (docs/benchmarks.md, "The case list").
CREATE TABLE case_day_counts (
    court_code VARCHAR(16) NOT NULL,
    judge_id BIGINT NOT NULL,
    case_type VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    filed_on DATE NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (court_code, judge_id, case_type, status, filed_on),
    KEY case_day_counts_day (court_code, filed_on, judge_id, case_type, status, n),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT INTO case_day_counts (court_code, judge_id, case_type, status, filed_on, n)
SELECT court_code, COALESCE(judge_id, 0), case_type, status, filed_on, COUNT(*)
FROM cases GROUP BY court_code, COALESCE(judge_id, 0), case_type, status, filed_on;

-- +goose Down
DROP TABLE case_day_counts;
