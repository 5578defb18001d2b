-- +goose Up
-- What the case list's search (q=) needs to find its cases from indexes
-- instead of reading every case's number and plaintiff (app/case_search.go):
-- kind 'p': every plaintiff name of the court's cases (a case's name is
--           always here; a name whose cases were renamed may stay);
-- kind 'c': every character that occurs in one of the court's case numbers.
-- The store adds to it in the transaction that files or renames a case.
-- NO PAD, so that 'x' and 'x ' are two terms, as they are two names.
CREATE TABLE case_search (
    court_code VARCHAR(16) NOT NULL,
    kind CHAR(1) NOT NULL,
    term VARCHAR(191) NOT NULL COLLATE utf8mb4_nopad_bin,
    PRIMARY KEY (court_code, kind, term),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
INSERT IGNORE INTO case_search (court_code, kind, term)
SELECT DISTINCT court_code, 'p', plaintiff_name COLLATE utf8mb4_nopad_bin FROM cases;
-- The characters of the numbers: those of the form every number has
-- (app.FormatCaseNo), and those of any number of another form.
INSERT IGNORE INTO case_search (court_code, kind, term)
WITH RECURSIVE src(court, s) AS (
    SELECT DISTINCT court_code, CONCAT('（', year, '）', court_code, case_type, '号0123456789') FROM cases
    UNION SELECT court_code, case_no FROM cases WHERE CAST(case_no AS BINARY) <> CAST(CONCAT('（', year, '）', court_code, case_type, seq, '号') AS BINARY)
), ch(court, s, i) AS (
    SELECT court, s, 1 FROM src WHERE CHAR_LENGTH(s) > 0
    UNION ALL SELECT court, s, i + 1 FROM ch WHERE i < CHAR_LENGTH(s)
)
SELECT DISTINCT court, 'c', SUBSTRING(s, i, 1) FROM ch;

-- +goose Down
DROP TABLE case_search;
