-- +goose Up
-- The case register: workstations (cases may be filed at one), cases, their
-- mediators, excluded periods, extensions, mediation records and commitments.
CREATE TABLE workstations (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    name VARCHAR(191) NOT NULL,
    place VARCHAR(191) NOT NULL DEFAULT '',
    partners TEXT NOT NULL,
    opened_on DATE,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX workstations_court_name ON workstations(court_code, name);

CREATE TABLE cases (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_no VARCHAR(64) NOT NULL,
    case_type VARCHAR(16) NOT NULL,
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    cause VARCHAR(32) NOT NULL,
    domain VARCHAR(32) NOT NULL,
    plaintiff_name VARCHAR(191) NOT NULL,
    plaintiff_kind VARCHAR(16) NOT NULL,
    organ_id BIGINT NOT NULL,
    filed_on DATE NOT NULL,
    judge_id BIGINT,
    linkage TINYINT(1) NOT NULL DEFAULT 0,
    linkage_partner VARCHAR(191) NOT NULL DEFAULT '',
    cross_region TINYINT(1) NOT NULL DEFAULT 0,
    region VARCHAR(191) NOT NULL DEFAULT '',
    workstation_id BIGINT,
    fast_track TINYINT(1) NOT NULL DEFAULT 0,
    simplified TINYINT(1) NOT NULL DEFAULT 0,
    penalty_before BIGINT,
    penalty_after BIGINT,
    status VARCHAR(16) NOT NULL,
    deadline_on DATE NOT NULL,
    closed_on DATE,
    close_method VARCHAR(32) NOT NULL DEFAULT '',
    judgment_result VARCHAR(32) NOT NULL DEFAULT '',
    days_to_close BIGINT,
    origin_case_id BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (organ_id) REFERENCES organs(id),
    FOREIGN KEY (judge_id) REFERENCES users(id),
    FOREIGN KEY (workstation_id) REFERENCES workstations(id),
    FOREIGN KEY (origin_case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX cases_number ON cases(court_code, case_type, year, seq);
CREATE UNIQUE INDEX cases_case_no ON cases(court_code, case_no);
CREATE INDEX cases_court_status_filed ON cases(court_code, status, filed_on);
CREATE INDEX cases_court_filed ON cases(court_code, filed_on);
CREATE INDEX cases_court_closed ON cases(court_code, closed_on);
CREATE INDEX cases_court_judge ON cases(court_code, judge_id, status);
CREATE INDEX cases_court_organ ON cases(court_code, organ_id);
CREATE INDEX cases_court_deadline ON cases(court_code, status, deadline_on);
CREATE INDEX cases_court_plaintiff ON cases(court_code, plaintiff_name);
CREATE INDEX cases_court_linkage ON cases(court_code, linkage, filed_on);

CREATE TABLE case_mediators (
    case_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (user_id) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX case_mediators_user ON case_mediators(user_id);

CREATE TABLE excluded_periods (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    reason VARCHAR(32) NOT NULL,
    start_on DATE NOT NULL,
    end_on DATE,
    notes TEXT NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX excluded_periods_case ON excluded_periods(case_id);

CREATE TABLE extensions (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    approved_on DATE NOT NULL,
    new_deadline_on DATE NOT NULL,
    approved_by VARCHAR(191) NOT NULL DEFAULT '',
    reason VARCHAR(32) NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX extensions_case ON extensions(case_id);

CREATE TABLE mediations (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_id BIGINT NOT NULL,
    held_on DATE NOT NULL,
    mode VARCHAR(16) NOT NULL,
    location VARCHAR(191) NOT NULL DEFAULT '',
    participants TEXT NOT NULL,
    result VARCHAR(16) NOT NULL,
    agreement TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX mediations_case ON mediations(case_id);
CREATE INDEX mediations_court_held ON mediations(court_code, held_on, mode);

CREATE TABLE commitments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_id BIGINT NOT NULL,
    kind VARCHAR(32) NOT NULL,
    due_on DATE NOT NULL,
    amount BIGINT,
    notes TEXT NOT NULL,
    fulfilled_on DATE,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX commitments_case ON commitments(case_id);
CREATE INDEX commitments_court_due ON commitments(court_code, fulfilled_on, due_on);

-- +goose Down
DROP TABLE commitments;
DROP TABLE mediations;
DROP TABLE extensions;
DROP TABLE excluded_periods;
DROP TABLE case_mediators;
DROP TABLE cases;
DROP TABLE workstations;
