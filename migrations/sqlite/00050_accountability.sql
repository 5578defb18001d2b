-- +goose Up
-- Agency accountability (行政应诉): hearings of litigation cases with the
-- organ's appearance, appeals of first-instance cases, "the organ corrected
-- its act" on withdrawals, and the chief's own chapters of the white paper.
-- Hearing times are wall-clock minutes in Asia/Shanghai written
-- 'YYYY-MM-DDTHH:MM', so that text order is time order on both databases.
CREATE TABLE hearings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    judge_id INTEGER REFERENCES users(id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    room TEXT NOT NULL,
    held_on DATE,
    head_notified INTEGER NOT NULL DEFAULT 0,
    head_appeared INTEGER NOT NULL DEFAULT 0,
    head_name TEXT NOT NULL DEFAULT '',
    head_post TEXT NOT NULL DEFAULT '',
    head_rank TEXT NOT NULL DEFAULT '',
    head_spoke INTEGER NOT NULL DEFAULT 0,
    representatives TEXT NOT NULL DEFAULT '',
    absence_reason TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX hearings_case ON hearings(case_id);
CREATE INDEX hearings_court_starts ON hearings(court_code, starts_at, ends_at);
CREATE INDEX hearings_court_held ON hearings(court_code, held_on, case_id, head_notified, head_appeared, head_spoke, head_rank);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    filed_on DATE NOT NULL,
    appellant TEXT NOT NULL,
    second_case_no TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    decided_on DATE,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX appeals_case ON appeals(case_id);
CREATE INDEX appeals_court_filed ON appeals(court_code, filed_on);

ALTER TABLE cases ADD COLUMN organ_corrected INTEGER NOT NULL DEFAULT 0;

CREATE TABLE white_papers (
    court_code TEXT NOT NULL REFERENCES courts(code),
    year INTEGER NOT NULL,
    problems TEXT NOT NULL DEFAULT '',
    suggestions TEXT NOT NULL DEFAULT '',
    updated_by INTEGER REFERENCES users(id),
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (court_code, year)
);

-- Hearings and appeals are recorded by the case's judge (own) or a leader;
-- the chief writes the white paper; figures by judge: a judge sees their own row.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'hearing', 'write', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'hearing', 'write', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'appeal', 'write', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'appeal', 'write', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'whitepaper', 'write', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'admin', '*', 'stats', 'by_judge', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'stats', 'by_judge', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'stats', 'by_judge', 'own');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = '*' AND (v2 IN ('hearing', 'appeal', 'whitepaper') OR (v2 = 'stats' AND v3 = 'by_judge'));
DROP TABLE white_papers;
ALTER TABLE cases DROP COLUMN organ_corrected;
DROP TABLE appeals;
DROP TABLE hearings;
