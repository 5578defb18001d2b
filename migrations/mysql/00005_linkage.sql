-- +goose Up
-- Court–government linkage: advisory letters and meetings ("两书三会").
CREATE TABLE letters (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    year BIGINT,
    seq BIGINT,
    letter_no VARCHAR(64),
    case_id BIGINT,
    organ_id BIGINT NOT NULL,
    problems TEXT NOT NULL,
    suggestions TEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    drafted_by BIGINT NOT NULL,
    approved_by BIGINT,
    approved_on DATE,
    issued_on DATE,
    reply_due_on DATE,
    replied_on DATE,
    adopted TINYINT(1),
    measures TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (organ_id) REFERENCES organs(id),
    FOREIGN KEY (drafted_by) REFERENCES users(id),
    FOREIGN KEY (approved_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX letters_number ON letters(court_code, kind, year, seq);
CREATE INDEX letters_court_status_due ON letters(court_code, status, reply_due_on);
CREATE INDEX letters_court_issued ON letters(court_code, issued_on);
CREATE INDEX letters_court_replied ON letters(court_code, replied_on);
CREATE INDEX letters_court_organ ON letters(court_code, organ_id);
CREATE INDEX letters_case ON letters(case_id);

CREATE TABLE meetings (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    held_on DATE NOT NULL,
    topic TEXT NOT NULL,
    attendances BIGINT NOT NULL DEFAULT 0,
    speakers TEXT NOT NULL,
    decisions TEXT NOT NULL,
    created_by BIGINT,
    created_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (created_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX meetings_court_held ON meetings(court_code, held_on, kind);

CREATE TABLE meeting_organs (
    meeting_id BIGINT NOT NULL,
    organ_id BIGINT NOT NULL,
    PRIMARY KEY (meeting_id, organ_id),
    FOREIGN KEY (meeting_id) REFERENCES meetings(id),
    FOREIGN KEY (organ_id) REFERENCES organs(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE meeting_followups (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meeting_id BIGINT NOT NULL,
    item TEXT NOT NULL,
    owner VARCHAR(191) NOT NULL DEFAULT '',
    due_on DATE,
    done_on DATE,
    FOREIGN KEY (meeting_id) REFERENCES meetings(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX meeting_followups_meeting ON meeting_followups(meeting_id);

-- +goose Down
DROP TABLE meeting_followups;
DROP TABLE meeting_organs;
DROP TABLE meetings;
DROP TABLE letters;
