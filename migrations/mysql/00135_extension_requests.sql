-- +goose Up
-- Requests to extend a case's time limit (延长审限申请): the case's judge asks,
-- a leader (院庭长) agrees to put it to the higher court (approved) or
-- refuses, the judge may withdraw a pending one; recording the higher
-- court's approval (extensions) completes an approved request (extension_id).
-- One pending request per case, decided on the case's locked row. Rows are
-- never deleted.
CREATE TABLE extension_requests (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    court_code VARCHAR(16) NOT NULL,
    case_id BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    reason TEXT NOT NULL,
    deadline_on DATE NOT NULL,
    requested_deadline_on DATE NOT NULL,
    requested_by BIGINT NOT NULL,
    requested_at DATETIME(6) NOT NULL,
    decided_by BIGINT NULL,
    decided_at DATETIME(6) NULL,
    comment TEXT NOT NULL,
    extension_id BIGINT NULL,
    version INT NOT NULL DEFAULT 1,
    KEY extension_requests_case (case_id, status),
    KEY extension_requests_court_status (court_code, status, id),
    FOREIGN KEY (court_code) REFERENCES courts(code),
    FOREIGN KEY (case_id) REFERENCES cases(id),
    FOREIGN KEY (requested_by) REFERENCES users(id),
    FOREIGN KEY (decided_by) REFERENCES users(id),
    FOREIGN KEY (extension_id) REFERENCES extensions(id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Leaders decide the requests of every case of their court.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'extension', 'decide', 'all');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = '*' AND v2 = 'extension' AND v3 = 'decide';
DROP TABLE extension_requests;
