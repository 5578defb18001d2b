-- +goose Up
-- The case file (issue 18): the parties beyond the first plaintiff (co-plaintiffs,
-- third parties, the agents of each side), the challenged act and the claims,
-- the courts' own document templates, the documents generated for a case and
-- their service (送达). The first plaintiff stays in cases.plaintiff_name.
CREATE TABLE case_parties (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    role VARCHAR(16) NOT NULL,
    side VARCHAR(16) NOT NULL DEFAULT '',
    name VARCHAR(200) NOT NULL,
    kind VARCHAR(16) NOT NULL DEFAULT '',
    phone VARCHAR(40) NOT NULL DEFAULT '',
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX case_parties_case ON case_parties(case_id, role);

CREATE TABLE case_acts (
    case_id BIGINT NOT NULL PRIMARY KEY,
    act_number VARCHAR(200) NOT NULL DEFAULT '',
    act_date DATE,
    act_content TEXT NOT NULL,
    claims TEXT NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (case_id) REFERENCES cases(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE document_templates (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    content LONGBLOB NOT NULL,
    uploaded_by BIGINT,
    uploaded_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (uploaded_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX document_templates_court_kind ON document_templates(court_code, kind);

CREATE TABLE documents (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id BIGINT NOT NULL,
    kind VARCHAR(32) NOT NULL,
    number VARCHAR(100) NOT NULL DEFAULT '',
    content LONGBLOB NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX documents_case ON documents(case_id, id);

CREATE TABLE services (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    document_id BIGINT NOT NULL,
    case_id BIGINT NOT NULL,
    recipient VARCHAR(200) NOT NULL,
    method VARCHAR(16) NOT NULL,
    sent_on DATE NOT NULL,
    served_on DATE,
    excluded_period_id BIGINT,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (document_id) REFERENCES documents(id),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (excluded_period_id) REFERENCES excluded_periods(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX services_document ON services(document_id);
CREATE INDEX services_case ON services(case_id);

INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'admin', '*', 'template', 'write', 'all');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v2 = 'template' AND v3 = 'write';
DROP TABLE services;
DROP TABLE documents;
DROP TABLE document_templates;
DROP TABLE case_acts;
DROP TABLE case_parties;
