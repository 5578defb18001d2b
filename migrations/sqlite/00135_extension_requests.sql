-- +goose Up
-- Requests to extend a case's time limit (延长审限申请): the case's judge asks,
-- a leader (院庭长) agrees to put it to the higher court (approved) or
-- refuses, the judge may withdraw a pending one; recording the higher
-- court's approval (extensions) completes an approved request (extension_id).
-- One pending request per case, decided on the case's locked row. Rows are
-- never deleted.
CREATE TABLE extension_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    court_code TEXT NOT NULL REFERENCES courts(code),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    deadline_on DATE NOT NULL,
    requested_deadline_on DATE NOT NULL,
    requested_by INTEGER NOT NULL REFERENCES users(id),
    requested_at DATETIME NOT NULL,
    decided_by INTEGER REFERENCES users(id),
    decided_at DATETIME,
    comment TEXT NOT NULL DEFAULT '',
    extension_id INTEGER REFERENCES extensions(id),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX extension_requests_case ON extension_requests(case_id, status);
CREATE INDEX extension_requests_court_status ON extension_requests(court_code, status, id);

-- Leaders decide the requests of every case of their court.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'extension', 'decide', 'all');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = '*' AND v2 = 'extension' AND v3 = 'decide';
DROP TABLE extension_requests;
