-- +goose Up
-- The inbox (issue 19): one row per reminder of a user, raised once per event
-- (event_key, unique per user: a second raise of the same event is ignored,
-- also by a second instance), retired when the thing is done; digest_day is
-- the day's digest that carried it (NULL: not yet in a digest).
CREATE TABLE notifications (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    user_id BIGINT NOT NULL,
    event_key VARCHAR(191) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    title VARCHAR(500) NOT NULL,
    link VARCHAR(255) NOT NULL,
    case_id BIGINT NULL,
    letter_id BIGINT NULL,
    swept BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME(6) NOT NULL,
    read_at DATETIME(6) NULL,
    retired_at DATETIME(6) NULL,
    digest_day DATE NULL,
    UNIQUE KEY notifications_event (user_id, event_key),
    KEY notifications_inbox (user_id, retired_at, id),
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
-- A court's daily sweep of date thresholds: the instance that inserts the
-- (court, day) row runs it.
CREATE TABLE notification_sweeps (
    court_code VARCHAR(16) NOT NULL,
    day DATE NOT NULL,
    swept_at DATETIME(6) NOT NULL,
    PRIMARY KEY (court_code, day),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE notification_sweeps;
DROP TABLE notifications;
