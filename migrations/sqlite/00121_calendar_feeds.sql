-- +goose Up
-- A judge's calendar subscription: the court's mail client fetches the
-- iCalendar feed without a session, by a secret link. Only the token's
-- SHA-256 is kept; a new link replaces the old one (revoked_at).
CREATE TABLE calendar_feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at DATETIME NOT NULL,
    revoked_at DATETIME
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id, revoked_at);

-- +goose Down
DROP TABLE calendar_feeds;
