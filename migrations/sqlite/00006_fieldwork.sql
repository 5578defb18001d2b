-- +goose Up
-- Field work: circuit hearings, inspections, workstation services, protection orders.
CREATE TABLE circuits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    held_on DATE NOT NULL,
    place TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    cross_region INTEGER NOT NULL DEFAULT 0,
    judge_id INTEGER REFERENCES users(id),
    audience INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX circuits_court_held ON circuits(court_code, held_on);

CREATE TABLE circuit_cases (
    circuit_id INTEGER NOT NULL REFERENCES circuits(id),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    PRIMARY KEY (circuit_id, case_id)
);

CREATE TABLE inspections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    held_on DATE NOT NULL,
    place TEXT NOT NULL,
    findings TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX inspections_court_held ON inspections(court_code, held_on);
CREATE INDEX inspections_case ON inspections(case_id);

CREATE TABLE workstation_services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    workstation_id INTEGER NOT NULL REFERENCES workstations(id),
    kind TEXT NOT NULL,
    held_on DATE NOT NULL,
    people INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX workstation_services_court_held ON workstation_services(court_code, held_on, kind);
CREATE INDEX workstation_services_station ON workstation_services(workstation_id, held_on);

CREATE TABLE protection_orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    issued_on DATE NOT NULL,
    issuers TEXT NOT NULL,
    area TEXT NOT NULL,
    content TEXT NOT NULL,
    workstation_id INTEGER REFERENCES workstations(id),
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX protection_orders_court_issued ON protection_orders(court_code, issued_on);

-- +goose Down
DROP TABLE protection_orders;
DROP TABLE workstation_services;
DROP TABLE inspections;
DROP TABLE circuit_cases;
DROP TABLE circuits;
