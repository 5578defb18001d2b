-- +goose Up
-- MariaDB's 00390 renews InnoDB's statistics of cases after 00300 and 00350
-- rebuilt its indexes. SQLite keeps no statistics here (fuyuan never runs
-- ANALYZE on SQLite, whose plans are chosen from the indexes alone), so
-- there is nothing to renew; the version is kept so that both dialects
-- number their migrations alike.
SELECT 1;

-- +goose Down
SELECT 1;
