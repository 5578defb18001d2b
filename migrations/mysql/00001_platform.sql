-- +goose Up
-- Courts, users, sessions, login throttling, authorisation policy, audit trail,
-- administrative organs, the holiday calendar and the running-number counters.
CREATE TABLE courts (
    code VARCHAR(16) PRIMARY KEY,
    name VARCHAR(191) NOT NULL,
    letter_reply_days BIGINT NOT NULL DEFAULT 30,
    created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE users (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    username VARCHAR(191) NOT NULL,
    name VARCHAR(191) NOT NULL,
    role VARCHAR(16) NOT NULL,
    password_hash VARCHAR(191) NOT NULL,
    disabled TINYINT(1) NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX users_username ON users(username);
CREATE INDEX users_court_role ON users(court_code, role);

CREATE TABLE sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id BIGINT NOT NULL,
    created_at DATETIME(6) NOT NULL,
    last_seen_at DATETIME(6) NOT NULL,
    client_ip VARCHAR(64) NOT NULL DEFAULT '',
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_attempts (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username VARCHAR(191) NOT NULL,
    client_ip VARCHAR(64) NOT NULL,
    success TINYINT(1) NOT NULL,
    at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX login_attempts_username_at ON login_attempts(username, at);
CREATE INDEX login_attempts_ip_at ON login_attempts(client_ip, at);

CREATE TABLE casbin_rule (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    ptype VARCHAR(8) NOT NULL,
    v0 VARCHAR(64) NOT NULL DEFAULT '',
    v1 VARCHAR(64) NOT NULL DEFAULT '',
    v2 VARCHAR(64) NOT NULL DEFAULT '',
    v3 VARCHAR(64) NOT NULL DEFAULT '',
    v4 VARCHAR(64) NOT NULL DEFAULT '',
    v5 VARCHAR(64) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX casbin_rule_unique ON casbin_rule(ptype, v0, v1, v2, v3, v4, v5);

CREATE TABLE audit_log (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    at DATETIME(6) NOT NULL,
    user_id BIGINT,
    username VARCHAR(191) NOT NULL,
    action VARCHAR(64) NOT NULL,
    entity VARCHAR(32) NOT NULL,
    entity_id BIGINT NOT NULL,
    before_json TEXT,
    after_json TEXT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX audit_log_entity ON audit_log(court_code, entity, entity_id);

CREATE TABLE organs (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    name VARCHAR(191) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    region VARCHAR(191) NOT NULL DEFAULT '',
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX organs_court_name ON organs(court_code, name);

CREATE TABLE holidays (
    day DATE PRIMARY KEY,
    kind VARCHAR(32) NOT NULL,
    note VARCHAR(191) NOT NULL DEFAULT ''
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE counters (
    court_code VARCHAR(16) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    year BIGINT NOT NULL,
    last BIGINT NOT NULL,
    PRIMARY KEY (court_code, kind, year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE case_types (
    court_code VARCHAR(16) NOT NULL,
    code VARCHAR(16) NOT NULL,
    name VARCHAR(191) NOT NULL,
    limit_months BIGINT NOT NULL DEFAULT 0,
    limit_days BIGINT NOT NULL DEFAULT 0,
    simplified_days BIGINT NOT NULL DEFAULT 0,
    litigation TINYINT(1) NOT NULL DEFAULT 1,
    PRIMARY KEY (court_code, code),
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

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
