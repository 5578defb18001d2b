-- +goose Up
-- A login refused while the account is locked (or the address over its limit)
-- is kept, marked refused: it is logged, and it neither counts as a failure
-- nor extends the lock. An unlock by the admin is a row with unlocked_by set:
-- the account's failures before it no longer count.
ALTER TABLE login_attempts ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE login_attempts ADD COLUMN unlocked_by INTEGER;

-- +goose Down
ALTER TABLE login_attempts DROP COLUMN unlocked_by;
ALTER TABLE login_attempts DROP COLUMN refused;
