-- +goose Up
-- Archived monthly reports: every version kept with its SHA-256, never overwritten.
CREATE TABLE report_archive (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    month VARCHAR(7) NOT NULL,
    version BIGINT NOT NULL,
    sha256 VARCHAR(64) NOT NULL,
    size BIGINT NOT NULL,
    content LONGBLOB NOT NULL,
    generated_by BIGINT,
    generated_at DATETIME(6) NOT NULL,
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (generated_by) REFERENCES users(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE UNIQUE INDEX report_archive_month ON report_archive(court_code, month, version);

-- +goose Down
DROP TABLE report_archive;
