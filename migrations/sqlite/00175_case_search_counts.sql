-- +goose Up
-- The cases of a court per organ, plaintiff name, type and year (of the
-- number), kept by the store in the transaction that files a case or
-- changes its organ, plaintiff or type (app/case_search_counts.go): the
-- total of a search of the court's whole list (q= and nothing else) is the
-- sum of the rows whose organ's name or plaintiff contains q, or whose
-- every number does (q=2025), instead of counting that many index entries
-- (q=清远: 760,000 at 1M cases), plus the cases of the numbers a q allows
-- only some of (q=12号) among the others.
CREATE TABLE case_search_counts (
    court_code TEXT NOT NULL REFERENCES courts(code),
    organ_id INTEGER NOT NULL,
    plaintiff_name TEXT NOT NULL,
    case_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (court_code, organ_id, plaintiff_name, case_type, year)
) WITHOUT ROWID;
INSERT INTO case_search_counts (court_code, organ_id, plaintiff_name, case_type, year, n)
SELECT court_code, organ_id, plaintiff_name, case_type, year, COUNT(*)
FROM cases GROUP BY court_code, organ_id, plaintiff_name, case_type, year;

-- +goose Down
DROP TABLE case_search_counts;
