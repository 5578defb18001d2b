-- +goose Up
-- A user whose password was set by an admin (a new user, a reset) or printed
-- to the log at first start must change it before doing anything else.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE users DROP COLUMN must_change_password;
