-- +goose Up
-- The case file (issue 18): the parties beyond the first plaintiff (co-plaintiffs,
-- third parties, the agents of each side), the challenged act and the claims,
-- the courts' own document templates, the documents generated for a case and
-- their service (送达). The first plaintiff stays in cases.plaintiff_name.
CREATE TABLE case_parties (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    role TEXT NOT NULL,
    side TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX case_parties_case ON case_parties(case_id, role);

CREATE TABLE case_acts (
    case_id INTEGER PRIMARY KEY REFERENCES cases(id),
    act_number TEXT NOT NULL DEFAULT '',
    act_date DATE,
    act_content TEXT NOT NULL DEFAULT '',
    claims TEXT NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL
);

CREATE TABLE document_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    kind TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    uploaded_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX document_templates_court_kind ON document_templates(court_code, kind);

CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL DEFAULT '',
    content BLOB NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX documents_case ON documents(case_id, id);

CREATE TABLE services (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id INTEGER NOT NULL REFERENCES documents(id),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    recipient TEXT NOT NULL,
    method TEXT NOT NULL,
    sent_on DATE NOT NULL,
    served_on DATE,
    excluded_period_id INTEGER REFERENCES excluded_periods(id),
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
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
