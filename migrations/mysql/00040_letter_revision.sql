-- +goose Up
-- A draft letter's revision before approval (issue 15): the leader's last
-- return for revision (退回修改) and the author's withdrawal, with the actions
-- that take them: the author edits and withdraws, the leader returns.
ALTER TABLE letters
    ADD COLUMN returned_by BIGINT NULL,
    ADD COLUMN returned_at DATETIME(6) NULL,
    ADD COLUMN return_comment VARCHAR(1000) NOT NULL DEFAULT '',
    ADD COLUMN withdrawn_at DATETIME(6) NULL,
    ADD COLUMN withdraw_reason VARCHAR(1000) NOT NULL DEFAULT '',
    ADD CONSTRAINT letters_returned_by FOREIGN KEY (returned_by) REFERENCES users(id);
CREATE INDEX letters_court_drafter_status ON letters(court_code, drafted_by, status);
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'letter', 'edit', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'letter', 'withdraw', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'letter', 'return', 'all');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v2 = 'letter' AND v3 IN ('edit', 'withdraw', 'return');
DROP INDEX letters_court_drafter_status ON letters;
ALTER TABLE letters
    DROP FOREIGN KEY letters_returned_by,
    DROP COLUMN withdraw_reason,
    DROP COLUMN withdrawn_at,
    DROP COLUMN return_comment,
    DROP COLUMN returned_at,
    DROP COLUMN returned_by;
