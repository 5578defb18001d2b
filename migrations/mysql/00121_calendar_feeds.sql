-- +goose Up
-- A judge's calendar subscription: the court's mail client fetches the
-- iCalendar feed without a session, by a secret link. Only the token's
-- SHA-256 is kept; a new link replaces the old one (revoked_at).
CREATE TABLE calendar_feeds (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    user_id BIGINT NOT NULL,
    token_hash CHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    revoked_at DATETIME(6) NULL,
    UNIQUE KEY calendar_feeds_token (token_hash),
    KEY calendar_feeds_user (user_id, revoked_at),
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE calendar_feeds;
