-- +goose Up
-- Archived monthly reports: every version kept with its SHA-256, never overwritten.
CREATE TABLE report_archive (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    month TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    content BLOB NOT NULL,
    generated_by INTEGER REFERENCES users(id),
    generated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX report_archive_month ON report_archive(court_code, month, version);

-- +goose Down
DROP TABLE report_archive;
