-- +goose Up
-- The daily digest (issue 19). digest_runs: a user's digest of a day, made
-- by the one instance that inserts the row. digest_days: a court whose
-- digests of the day are all made. mail_outbox: every e-mail to send, kept
-- until sent (a failed send is retried later, nothing is lost); an instance
-- claims a row before sending it, so two instances never send it twice.
CREATE TABLE digest_runs (
    user_id INTEGER NOT NULL REFERENCES users(id),
    day DATE NOT NULL,
    created_at DATETIME NOT NULL,
    line_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, day)
);
CREATE TABLE digest_days (
    court_code TEXT NOT NULL REFERENCES courts(code),
    day DATE NOT NULL,
    done_at DATETIME NOT NULL,
    PRIMARY KEY (court_code, day)
);
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    user_id INTEGER REFERENCES users(id),
    kind TEXT NOT NULL,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at DATETIME NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_at DATETIME NOT NULL,
    claimed_until DATETIME,
    sent_at DATETIME,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_try_at);

-- +goose Down
DROP TABLE mail_outbox;
DROP TABLE digest_days;
DROP TABLE digest_runs;
