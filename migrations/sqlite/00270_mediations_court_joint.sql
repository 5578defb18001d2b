-- +goose Up
-- MariaDB's 00270 builds mediations_court_joint, which SQLite has had since
-- 00230: nothing to do here. The version is kept so that both dialects
-- number their migrations alike.
SELECT 1;

-- +goose Down
SELECT 1;
