-- +goose Up
-- The order of an account's login log (attempts and unlocks) is its own
-- number, seq, taken from the account's row in login_sequences, which every
-- entry writes: entries of one account then commit one after another on
-- every node of a Galera cluster too (two nodes writing the row at once fail
-- certification and one is retried), which a locking read held within one
-- node only, and ids, interleaved per node, did not give. Any username has
-- a row, known or not; at is its last entry's time (PurgeExpired). The log
-- so far keeps its id order.
CREATE TABLE login_sequences (
    username VARCHAR(191) NOT NULL PRIMARY KEY,
    last BIGINT NOT NULL,
    at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
ALTER TABLE login_attempts ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE login_attempts SET seq = id;
INSERT INTO login_sequences (username, last, at) SELECT username, MAX(id), MAX(at) FROM login_attempts GROUP BY username;

-- +goose Down
ALTER TABLE login_attempts DROP COLUMN seq;
DROP TABLE login_sequences;
