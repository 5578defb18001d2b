-- +goose Up
-- Court–government linkage: advisory letters and meetings ("两书三会").
CREATE TABLE letters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    kind TEXT NOT NULL,
    year INTEGER,
    seq INTEGER,
    letter_no TEXT,
    case_id INTEGER REFERENCES cases(id),
    organ_id INTEGER NOT NULL REFERENCES organs(id),
    problems TEXT NOT NULL,
    suggestions TEXT NOT NULL,
    status TEXT NOT NULL,
    drafted_by INTEGER NOT NULL REFERENCES users(id),
    approved_by INTEGER REFERENCES users(id),
    approved_on DATE,
    issued_on DATE,
    reply_due_on DATE,
    replied_on DATE,
    adopted INTEGER,
    measures TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX letters_number ON letters(court_code, kind, year, seq);
CREATE INDEX letters_court_status_due ON letters(court_code, status, reply_due_on);
CREATE INDEX letters_court_issued ON letters(court_code, issued_on);
CREATE INDEX letters_court_replied ON letters(court_code, replied_on);
CREATE INDEX letters_court_organ ON letters(court_code, organ_id);
CREATE INDEX letters_case ON letters(case_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    kind TEXT NOT NULL,
    held_on DATE NOT NULL,
    topic TEXT NOT NULL,
    attendances INTEGER NOT NULL DEFAULT 0,
    speakers TEXT NOT NULL DEFAULT '',
    decisions TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL
);
CREATE INDEX meetings_court_held ON meetings(court_code, held_on, kind);

CREATE TABLE meeting_organs (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    organ_id INTEGER NOT NULL REFERENCES organs(id),
    PRIMARY KEY (meeting_id, organ_id)
);

CREATE TABLE meeting_followups (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    item TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_on DATE,
    done_on DATE
);
CREATE INDEX meeting_followups_meeting ON meeting_followups(meeting_id);

-- +goose Down
DROP TABLE meeting_followups;
DROP TABLE meeting_organs;
DROP TABLE meetings;
DROP TABLE letters;
