-- +goose Up
-- Agency accountability (行政应诉): hearings of litigation cases with the
-- organ's appearance, appeals of first-instance cases, "the organ corrected
-- its act" on withdrawals, and the chief's own chapters of the white paper.
-- Hearing times are wall-clock minutes in Asia/Shanghai written
-- 'YYYY-MM-DDTHH:MM', so that text order is time order on both databases.
CREATE TABLE hearings (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_id BIGINT NOT NULL,
    judge_id BIGINT,
    starts_at CHAR(16) NOT NULL,
    ends_at CHAR(16) NOT NULL,
    room VARCHAR(64) NOT NULL,
    held_on DATE,
    head_notified TINYINT(1) NOT NULL DEFAULT 0,
    head_appeared TINYINT(1) NOT NULL DEFAULT 0,
    head_name VARCHAR(64) NOT NULL DEFAULT '',
    head_post VARCHAR(64) NOT NULL DEFAULT '',
    head_rank VARCHAR(16) NOT NULL DEFAULT '',
    head_spoke TINYINT(1) NOT NULL DEFAULT 0,
    representatives TEXT NOT NULL,
    absence_reason TEXT NOT NULL,
    version INT NOT NULL DEFAULT 1,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (judge_id) REFERENCES users(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX hearings_case ON hearings(case_id);
CREATE INDEX hearings_court_starts ON hearings(court_code, starts_at, ends_at);
CREATE INDEX hearings_court_held ON hearings(court_code, held_on, case_id, head_notified, head_appeared, head_spoke, head_rank);

CREATE TABLE appeals (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_id BIGINT NOT NULL,
    filed_on DATE NOT NULL,
    appellant VARCHAR(16) NOT NULL,
    second_case_no VARCHAR(64) NOT NULL DEFAULT '',
    result VARCHAR(16) NOT NULL DEFAULT '',
    decided_on DATE,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX appeals_case ON appeals(case_id);
CREATE INDEX appeals_court_filed ON appeals(court_code, filed_on);

ALTER TABLE cases ADD COLUMN organ_corrected TINYINT(1) NOT NULL DEFAULT 0;

CREATE TABLE white_papers (
    court_code VARCHAR(16) NOT NULL,
    year INT NOT NULL,
    problems TEXT NOT NULL,
    suggestions TEXT NOT NULL,
    updated_by BIGINT,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (court_code, year),
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (updated_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

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
