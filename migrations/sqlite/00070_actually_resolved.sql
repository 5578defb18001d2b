-- +goose Up
-- Actually resolved (案结事了): follow-up visits (回访) due 3 and 6 months
-- after every resolution, re-filings that link a resolved case to a new case
-- of the same plaintiff against the same organ, and the plaintiff's name
-- folded (spaces removed, full-width to half-width) so that the filing finds
-- earlier cases through an index. Keys of cases filed before this migration,
-- the visits of closings already in the register and their re-filings are
-- made by `fuyuan visits` (idempotent: the unique keys make a second run
-- create nothing).
ALTER TABLE cases ADD COLUMN plaintiff_key TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_court_plaintiff_key ON cases(court_code, plaintiff_key, organ_id);

CREATE TABLE visits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    months INTEGER NOT NULL,
    due_on DATE NOT NULL,
    visited_on DATE,
    visited_by INTEGER REFERENCES users(id),
    method TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    recorded_at DATETIME
);
CREATE UNIQUE INDEX visits_case_months ON visits(case_id, months);
CREATE INDEX visits_court_due ON visits(court_code, due_on, visited_on);

CREATE TABLE case_refilings (
    case_id INTEGER NOT NULL REFERENCES cases(id),
    refiling_id INTEGER NOT NULL REFERENCES cases(id),
    court_code TEXT NOT NULL REFERENCES courts(code),
    refiled_on DATE NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (case_id, refiling_id)
);
CREATE INDEX case_refilings_refiling ON case_refilings(refiling_id);

-- Visits are recorded by the case's judge or an assigned mediator; the
-- lists of visits are read like cases, each role within its own reach.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'case', 'visit', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'mediator', '*', 'case', 'visit', 'assigned');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'admin', '*', 'visit', 'read', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'visit', 'read', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'visit', 'read', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'mediator', '*', 'visit', 'read', 'assigned');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'liaison', '*', 'visit', 'read', 'linkage');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = '*' AND ((v2 = 'case' AND v3 = 'visit') OR (v2 = 'visit' AND v3 = 'read'));
DROP TABLE case_refilings;
DROP TABLE visits;
DROP INDEX cases_court_plaintiff_key;
ALTER TABLE cases DROP COLUMN plaintiff_key;
