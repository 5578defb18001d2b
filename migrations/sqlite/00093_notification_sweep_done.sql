-- +goose Up
-- When a court's daily sweep finished: the day's digests wait for it, so
-- that an instance does not make a digest while another is still sweeping.
ALTER TABLE notification_sweeps ADD COLUMN done_at DATETIME;

-- +goose Down
ALTER TABLE notification_sweeps DROP COLUMN done_at;
