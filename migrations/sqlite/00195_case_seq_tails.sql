-- +goose Up
-- The cases of a court per tail of the seq of their number (its last three
-- digits, as the number writes them), type and year, kept by the store in
-- the transaction that files a case (app/case_search_tails.go): the total
-- of a search for the numbers that end with some digits (q=12号: about
-- 10,000 cases at 1M) is the sum of the rows of the tails that end with
-- them (11 per type and year), instead of one index lookup per case.
-- tail: the seq itself below 1000, else 1000 + seq % 1000 (so that the
-- tail of 1012, "012", is not that of 12).
CREATE TABLE case_seq_tails (
    court_code TEXT NOT NULL REFERENCES courts(code),
    tail INTEGER NOT NULL,
    case_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (court_code, tail, case_type, year)
) WITHOUT ROWID;
INSERT INTO case_seq_tails (court_code, tail, case_type, year, n)
SELECT court_code, CASE WHEN seq < 1000 THEN seq ELSE 1000 + seq % 1000 END, case_type, year, COUNT(*)
FROM cases GROUP BY court_code, CASE WHEN seq < 1000 THEN seq ELSE 1000 + seq % 1000 END, case_type, year;

-- +goose Down
DROP TABLE case_seq_tails;
