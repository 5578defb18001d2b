-- +goose Up
-- The case figures per day and per dimension (app/case_figures.go): for each
-- day, dimension ('' the court, organ, judge, domain, cause), value and case
-- type, the cases filed that day and the cases closed that day by outcome.
-- The store keeps it in the transaction of every write to a case
-- (CaseFigureContribution is the one rule); a year of /stats by a dimension
-- is a sum over 365 × values rows instead of a year's index entries of cases.
-- Store.Migrate fills it after this migration ("fuyuan recount" rebuilds it).
CREATE TABLE case_figure_days (
    court_code VARCHAR(16) NOT NULL,
    dim VARCHAR(8) NOT NULL,
    val VARCHAR(64) NOT NULL COLLATE utf8mb4_nopad_bin,
    day DATE NOT NULL,
    case_type VARCHAR(16) NOT NULL,
    new_cases BIGINT NOT NULL DEFAULT 0,
    filed_closed BIGINT NOT NULL DEFAULT 0,
    closed BIGINT NOT NULL DEFAULT 0,
    mediated BIGINT NOT NULL DEFAULT 0,
    withdrawn BIGINT NOT NULL DEFAULT 0,
    lost BIGINT NOT NULL DEFAULT 0,
    corrected BIGINT NOT NULL DEFAULT 0,
    within_limit BIGINT NOT NULL DEFAULT 0,
    resolved BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (court_code, dim, day, val, case_type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE case_figure_days;
