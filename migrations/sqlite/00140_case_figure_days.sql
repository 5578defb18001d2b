-- +goose Up
-- The case figures per day and per dimension (app/case_figures.go): for each
-- day, dimension (''  the court, organ, judge, domain, cause), value and case
-- type, the cases filed that day and the cases closed that day by outcome.
-- The store keeps it in the transaction of every write to a case
-- (CaseFigureContribution is the one rule); a year of /stats by a dimension
-- is a sum over 365 × values rows instead of a year's index entries of cases.
-- Store.Migrate fills it after this migration ("fuyuan recount" rebuilds it).
CREATE TABLE case_figure_days (
    court_code TEXT NOT NULL,
    dim TEXT NOT NULL,
    val TEXT NOT NULL,
    day DATE NOT NULL,
    case_type TEXT NOT NULL,
    new_cases INTEGER NOT NULL DEFAULT 0,
    filed_closed INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    mediated INTEGER NOT NULL DEFAULT 0,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    lost INTEGER NOT NULL DEFAULT 0,
    corrected INTEGER NOT NULL DEFAULT 0,
    within_limit INTEGER NOT NULL DEFAULT 0,
    resolved INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (court_code, dim, day, val, case_type)
) WITHOUT ROWID;

-- +goose Down
DROP TABLE case_figure_days;
