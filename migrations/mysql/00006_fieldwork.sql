-- +goose Up
-- Field work: circuit hearings, inspections, workstation services, protection orders.
CREATE TABLE circuits (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    held_on DATE NOT NULL,
    place VARCHAR(191) NOT NULL,
    region VARCHAR(191) NOT NULL DEFAULT '',
    cross_region TINYINT(1) NOT NULL DEFAULT 0,
    judge_id BIGINT,
    audience BIGINT NOT NULL DEFAULT 0,
    notes TEXT NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (judge_id) REFERENCES users(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX circuits_court_held ON circuits(court_code, held_on);

CREATE TABLE circuit_cases (
    circuit_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    PRIMARY KEY (circuit_id, case_id),
    FOREIGN KEY (circuit_id) REFERENCES circuits(id),
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE inspections (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_id BIGINT NOT NULL,
    held_on DATE NOT NULL,
    place VARCHAR(191) NOT NULL,
    findings TEXT NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX inspections_court_held ON inspections(court_code, held_on);
CREATE INDEX inspections_case ON inspections(case_id);

CREATE TABLE workstation_services (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    workstation_id BIGINT NOT NULL,
    kind VARCHAR(32) NOT NULL,
    held_on DATE NOT NULL,
    people BIGINT NOT NULL DEFAULT 0,
    notes TEXT NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (workstation_id) REFERENCES workstations(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX workstation_services_court_held ON workstation_services(court_code, held_on, kind);
CREATE INDEX workstation_services_station ON workstation_services(workstation_id, held_on);

CREATE TABLE protection_orders (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    issued_on DATE NOT NULL,
    issuers TEXT NOT NULL,
    area TEXT NOT NULL,
    content TEXT NOT NULL,
    workstation_id BIGINT,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (workstation_id) REFERENCES workstations(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX protection_orders_court_issued ON protection_orders(court_code, issued_on);

-- +goose Down
DROP TABLE protection_orders;
DROP TABLE workstation_services;
DROP TABLE inspections;
DROP TABLE circuit_cases;
DROP TABLE circuits;
