-- +goose Up
-- Attachments (附件) of a case, mediation, letter, commitment or service (issue 18):
-- the file's metadata in attachments, its bytes in attachment_chunks (256 KiB
-- a row, well under max_allowed_packet), so that every instance serves every
-- attachment from the database. Never deleted: a withdrawal keeps the file and
-- records who, when and why.
CREATE TABLE attachments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    owner_kind VARCHAR(16) NOT NULL,
    owner_id BIGINT NOT NULL,
    name VARCHAR(255) NOT NULL,
    original_name VARCHAR(255) NOT NULL DEFAULT '',
    content_type VARCHAR(127) NOT NULL,
    size BIGINT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    chunk_size INT NOT NULL,
    created_by BIGINT NULL,
    created_at DATETIME(6) NOT NULL,
    withdrawn_at DATETIME(6) NULL,
    withdrawn_by BIGINT NULL,
    withdraw_reason VARCHAR(1000) NOT NULL DEFAULT '',
    KEY attachments_owner (owner_kind, owner_id, id),
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (created_by) REFERENCES users(id),
    FOREIGN KEY (withdrawn_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE TABLE attachment_chunks (
    attachment_id BIGINT NOT NULL,
    seq INT NOT NULL,
    data MEDIUMBLOB NOT NULL,
    PRIMARY KEY (attachment_id, seq),
    FOREIGN KEY (attachment_id) REFERENCES attachments(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- +goose Down
DROP TABLE attachment_chunks;
DROP TABLE attachments;
