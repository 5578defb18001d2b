-- +goose Up
-- A case's page reads its hearings in order (SQLite's 00120 also indexes
-- cases.origin_case_id, which InnoDB already indexes for its foreign key).
CREATE INDEX hearings_case_starts ON hearings(case_id, starts_at, id);

-- +goose Down
DROP INDEX hearings_case_starts ON hearings;
