-- +goose Up
-- The closings of case_figure_days by every method (mediated is
-- mediation's), the sum and number of their stored days_to_close (all,
-- and of fast-track cases) and the fines adjusted with the reductions' sum
-- (app.CaseFigureContribution): the monthly report, /stats and the trend
-- sum a period's closings from these (reports/ledger.go) instead of
-- grouping every case closed in it. Store.Migrate refills the table after
-- this migration.
ALTER TABLE case_figure_days
    ADD COLUMN by_judgment BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN by_withdrawal BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN by_deemed_withdrawal BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN by_dismissal BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN by_transfer BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN by_termination BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN days_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN days_n BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fast_days_sum BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fast_days_n BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fines_adjusted BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN fine_reduction BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE case_figure_days
    DROP COLUMN by_judgment,
    DROP COLUMN by_withdrawal,
    DROP COLUMN by_deemed_withdrawal,
    DROP COLUMN by_dismissal,
    DROP COLUMN by_transfer,
    DROP COLUMN by_termination,
    DROP COLUMN days_sum,
    DROP COLUMN days_n,
    DROP COLUMN fast_days_sum,
    DROP COLUMN fast_days_n,
    DROP COLUMN fines_adjusted,
    DROP COLUMN fine_reduction;
