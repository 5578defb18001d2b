-- +goose Up
-- The daily digest (issue 19). digest_runs: a user's digest of a day, made
-- by the one instance that inserts the row. digest_days: a court whose
-- digests of the day are all made. mail_outbox: every e-mail to send, kept
-- until sent (a failed send is retried later, nothing is lost); an instance
-- claims a row before sending it, so two instances never send it twice.
CREATE TABLE digest_runs (
    user_id BIGINT NOT NULL,
    day DATE NOT NULL,
    created_at DATETIME(6) NOT NULL,
    line_count INT NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, day),
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE digest_days (
    court_code VARCHAR(16) NOT NULL,
    day DATE NOT NULL,
    done_at DATETIME(6) NOT NULL,
    PRIMARY KEY (court_code, day),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE mail_outbox (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    user_id BIGINT NULL,
    kind VARCHAR(32) NOT NULL,
    to_addr VARCHAR(254) NOT NULL,
    subject VARCHAR(255) NOT NULL,
    body MEDIUMTEXT NOT NULL,
    created_at DATETIME(6) NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    next_try_at DATETIME(6) NOT NULL,
    claimed_until DATETIME(6) NULL,
    sent_at DATETIME(6) NULL,
    last_error VARCHAR(1000) NOT NULL DEFAULT '',
    KEY mail_outbox_due (sent_at, next_try_at),
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE mail_outbox;
DROP TABLE digest_days;
DROP TABLE digest_runs;
