-- +goose Up
-- The cases of a court per organ, plaintiff name, type and year (of the
-- number), kept by the store in the transaction that files a case or
-- changes its organ, plaintiff or type (app/case_search_counts.go): the
-- total of a search of the court's whole list (q= and nothing else) is the
-- sum of the rows whose organ's name or plaintiff contains q, or whose
-- every number does (q=2025), instead of counting that many index entries
-- (q=清远: 760,000 at 1M cases), plus the cases of the numbers a q allows
-- only some of (q=12号) among the others.
-- NO PAD, so that 'x' and 'x ' are two rows, as they are two names.
CREATE TABLE case_search_counts (
    court_code VARCHAR(16) NOT NULL,
    organ_id BIGINT NOT NULL,
    plaintiff_name VARCHAR(191) NOT NULL COLLATE utf8mb4_nopad_bin,
    case_type VARCHAR(16) NOT NULL,
    year BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (court_code, organ_id, plaintiff_name, case_type, year),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- (Groups that are one row of the key are added up: MariaDB 10.11 was seen
-- to return one such key in two groups.)
INSERT INTO case_search_counts (court_code, organ_id, plaintiff_name, case_type, year, n)
SELECT court_code, organ_id, plaintiff_name COLLATE utf8mb4_nopad_bin, case_type, year, COUNT(*)
FROM cases GROUP BY court_code, organ_id, plaintiff_name COLLATE utf8mb4_nopad_bin, case_type, year
ON DUPLICATE KEY UPDATE n = n + VALUES(n);

-- +goose Down
DROP TABLE case_search_counts;
