-- +goose Up
-- Attachments (附件) of a case, mediation, letter, commitment or service (issue 18):
-- the file's metadata in attachments, its bytes in attachment_chunks (256 KiB
-- a row), so that every instance serves every attachment from the database.
-- Never deleted: a withdrawal keeps the file and records who, when and why.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    owner_kind TEXT NOT NULL,
    owner_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    chunk_size INTEGER NOT NULL,
    created_by INTEGER REFERENCES users(id),
    created_at DATETIME NOT NULL,
    withdrawn_at DATETIME,
    withdrawn_by INTEGER REFERENCES users(id),
    withdraw_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id, id);
CREATE TABLE attachment_chunks (
    attachment_id INTEGER NOT NULL REFERENCES attachments(id),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);

-- +goose Down
DROP TABLE attachment_chunks;
DROP TABLE attachments;
