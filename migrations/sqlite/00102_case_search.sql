-- +goose Up
-- What the case list's search (q=) needs to find its cases from indexes
-- instead of reading every case's number and plaintiff (app/case_search.go):
-- kind 'p': every plaintiff name of the court's cases (a case's name is
--           always here; a name whose cases were renamed may stay);
-- kind 'c': every character that occurs in one of the court's case numbers.
-- The store adds to it in the transaction that files or renames a case.
CREATE TABLE case_search (
    court_code TEXT NOT NULL REFERENCES courts(code),
    kind TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (court_code, kind, term)
) WITHOUT ROWID;
INSERT OR IGNORE INTO case_search (court_code, kind, term)
SELECT DISTINCT court_code, 'p', plaintiff_name FROM cases;
-- The characters of the numbers: those of the form every number has
-- (app.FormatCaseNo), and those of any number of another form.
INSERT OR IGNORE INTO case_search (court_code, kind, term)
WITH RECURSIVE src(court, s) AS (
    SELECT DISTINCT court_code, '（' || year || '）' || court_code || case_type || '号0123456789' FROM cases
    UNION SELECT court_code, case_no FROM cases WHERE case_no <> '（' || year || '）' || court_code || case_type || seq || '号'
), ch(court, s, i) AS (
    SELECT court, s, 1 FROM src WHERE length(s) > 0
    UNION ALL SELECT court, s, i + 1 FROM ch WHERE i < length(s)
)
SELECT DISTINCT court, 'c', substr(s, i, 1) FROM ch;

-- +goose Down
DROP TABLE case_search;
