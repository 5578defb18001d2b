-- +goose Up
-- The closings of case_figure_days by every method (mediated is
-- mediation's), the sum and number of their stored days_to_close (all,
-- and of fast-track cases) and the fines adjusted with the reductions' sum
-- (app.CaseFigureContribution): the monthly report, /stats and the trend
-- sum a period's closings from these (reports/ledger.go) instead of
-- grouping every case closed in it. Store.Migrate refills the table after
-- this migration.
ALTER TABLE case_figure_days ADD COLUMN by_judgment INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN by_withdrawal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN by_deemed_withdrawal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN by_dismissal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN by_transfer INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN by_termination INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN days_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN days_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN fast_days_sum INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN fast_days_n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN fines_adjusted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_figure_days ADD COLUMN fine_reduction INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE case_figure_days DROP COLUMN by_judgment;
ALTER TABLE case_figure_days DROP COLUMN by_withdrawal;
ALTER TABLE case_figure_days DROP COLUMN by_deemed_withdrawal;
ALTER TABLE case_figure_days DROP COLUMN by_dismissal;
ALTER TABLE case_figure_days DROP COLUMN by_transfer;
ALTER TABLE case_figure_days DROP COLUMN by_termination;
ALTER TABLE case_figure_days DROP COLUMN days_sum;
ALTER TABLE case_figure_days DROP COLUMN days_n;
ALTER TABLE case_figure_days DROP COLUMN fast_days_sum;
ALTER TABLE case_figure_days DROP COLUMN fast_days_n;
ALTER TABLE case_figure_days DROP COLUMN fines_adjusted;
ALTER TABLE case_figure_days DROP COLUMN fine_reduction;
