-- +goose Up
-- The joint mediations of a period (reports.addRecords: held in it, joint
-- or cross-region, not a scheduled appointment) from their own index, as
-- SQLite's 00230: MariaDB reads every mediation of the court from
-- mediations_court_held for that count (EXPLAIN at 1,000,000 cases: ref on
-- court_code, 324,000 rows estimated), 90-100 ms of mysqld a year; from this
-- index, which the statement names (FORCE INDEX: MariaDB does not choose it
-- by itself), the held ones of the two modes only, 20 ms. 25 MiB at
-- 1,000,000 cases (634,000 mediations).
CREATE INDEX mediations_court_joint ON mediations(court_code, scheduled, mode, held_on);

-- +goose Down
DROP INDEX mediations_court_joint ON mediations;
