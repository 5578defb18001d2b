-- +goose Up
-- A user's e-mail address and whether they want the daily digest of their reminders (issue 19).
ALTER TABLE users ADD COLUMN email VARCHAR(254) NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN digest BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE users DROP COLUMN digest;
ALTER TABLE users DROP COLUMN email;
