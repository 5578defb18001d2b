-- +goose Up
-- Courts, users, sessions, login throttling, authorisation policy, audit trail,
-- administrative organs, the holiday calendar and the running-number counters.
CREATE TABLE courts (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    letter_reply_days INTEGER NOT NULL DEFAULT 30,
    created_at DATETIME NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    username TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX users_username ON users(username);
CREATE INDEX users_court_role ON users(court_code, role);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    client_ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL,
    client_ip TEXT NOT NULL,
    success INTEGER NOT NULL,
    at DATETIME NOT NULL
);
CREATE INDEX login_attempts_username_at ON login_attempts(username, at);
CREATE INDEX login_attempts_ip_at ON login_attempts(client_ip, at);

CREATE TABLE casbin_rule (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ptype TEXT NOT NULL,
    v0 TEXT NOT NULL DEFAULT '',
    v1 TEXT NOT NULL DEFAULT '',
    v2 TEXT NOT NULL DEFAULT '',
    v3 TEXT NOT NULL DEFAULT '',
    v4 TEXT NOT NULL DEFAULT '',
    v5 TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX casbin_rule_unique ON casbin_rule(ptype, v0, v1, v2, v3, v4, v5);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL,
    at DATETIME NOT NULL,
    user_id INTEGER,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log(court_code, entity, entity_id);

CREATE TABLE organs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX organs_court_name ON organs(court_code, name);

CREATE TABLE holidays (
    day DATE PRIMARY KEY,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);

CREATE TABLE counters (
    court_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (court_code, kind, year)
);

CREATE TABLE case_types (
    court_code TEXT NOT NULL REFERENCES courts(code),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    limit_months INTEGER NOT NULL DEFAULT 0,
    limit_days INTEGER NOT NULL DEFAULT 0,
    simplified_days INTEGER NOT NULL DEFAULT 0,
    litigation INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (court_code, code)
);

-- +goose Down
DROP TABLE case_types;
DROP TABLE counters;
DROP TABLE holidays;
DROP TABLE organs;
DROP TABLE audit_log;
DROP TABLE casbin_rule;
DROP TABLE login_attempts;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE courts;
