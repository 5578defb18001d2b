-- +goose Up
-- The inbox (issue 19): one row per reminder of a user, raised once per event
-- (event_key, unique per user: a second raise of the same event is ignored,
-- also by a second instance), retired when the thing is done; digest_day is
-- the day's digest that carried it (NULL: not yet in a digest).
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    user_id INTEGER NOT NULL REFERENCES users(id),
    event_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT NOT NULL,
    case_id INTEGER,
    letter_id INTEGER,
    swept BOOLEAN NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    read_at DATETIME,
    retired_at DATETIME,
    digest_day DATE
);
CREATE UNIQUE INDEX notifications_event ON notifications (user_id, event_key);
CREATE INDEX notifications_inbox ON notifications (user_id, retired_at, id);
-- A court's daily sweep of date thresholds: the instance that inserts the
-- (court, day) row runs it.
CREATE TABLE notification_sweeps (
    court_code TEXT NOT NULL REFERENCES courts(code),
    day DATE NOT NULL,
    swept_at DATETIME NOT NULL,
    PRIMARY KEY (court_code, day)
);

-- +goose Down
DROP TABLE notification_sweeps;
DROP TABLE notifications;
