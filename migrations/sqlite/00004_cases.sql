-- +goose Up
-- The case register: workstations (cases may be filed at one), cases, their
-- mediators, excluded periods, extensions, mediation records and commitments.
CREATE TABLE workstations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    partners TEXT NOT NULL DEFAULT '',
    opened_on DATE,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX workstations_court_name ON workstations(court_code, name);

CREATE TABLE cases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_no TEXT NOT NULL,
    case_type TEXT NOT NULL,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    cause TEXT NOT NULL,
    domain TEXT NOT NULL,
    plaintiff_name TEXT NOT NULL,
    plaintiff_kind TEXT NOT NULL,
    organ_id INTEGER NOT NULL REFERENCES organs(id),
    filed_on DATE NOT NULL,
    judge_id INTEGER REFERENCES users(id),
    linkage INTEGER NOT NULL DEFAULT 0,
    linkage_partner TEXT NOT NULL DEFAULT '',
    cross_region INTEGER NOT NULL DEFAULT 0,
    region TEXT NOT NULL DEFAULT '',
    workstation_id INTEGER REFERENCES workstations(id),
    fast_track INTEGER NOT NULL DEFAULT 0,
    simplified INTEGER NOT NULL DEFAULT 0,
    penalty_before INTEGER,
    penalty_after INTEGER,
    status TEXT NOT NULL,
    deadline_on DATE NOT NULL,
    closed_on DATE,
    close_method TEXT NOT NULL DEFAULT '',
    judgment_result TEXT NOT NULL DEFAULT '',
    days_to_close INTEGER,
    origin_case_id INTEGER REFERENCES cases(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
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
    case_id INTEGER NOT NULL REFERENCES cases(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_mediators_user ON case_mediators(user_id);

CREATE TABLE excluded_periods (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    reason TEXT NOT NULL,
    start_on DATE NOT NULL,
    end_on DATE,
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX excluded_periods_case ON excluded_periods(case_id);

CREATE TABLE extensions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    approved_on DATE NOT NULL,
    new_deadline_on DATE NOT NULL,
    approved_by TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX extensions_case ON extensions(case_id);

CREATE TABLE mediations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    held_on DATE NOT NULL,
    mode TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    participants TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL,
    agreement TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX mediations_case ON mediations(case_id);
CREATE INDEX mediations_court_held ON mediations(court_code, held_on, mode);

CREATE TABLE commitments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    due_on DATE NOT NULL,
    amount INTEGER,
    notes TEXT NOT NULL DEFAULT '',
    fulfilled_on DATE,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
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
