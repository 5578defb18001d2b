-- +goose Up
-- A draft letter's revision before approval (issue 15): the leader's last
-- return for revision (退回修改) and the author's withdrawal, with the actions
-- that take them: the author edits and withdraws, the leader returns.
ALTER TABLE letters ADD COLUMN returned_by INTEGER REFERENCES users(id);
ALTER TABLE letters ADD COLUMN returned_at DATETIME;
ALTER TABLE letters ADD COLUMN return_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE letters ADD COLUMN withdrawn_at DATETIME;
ALTER TABLE letters ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
CREATE INDEX letters_court_drafter_status ON letters(court_code, drafted_by, status);
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'letter', 'edit', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'letter', 'withdraw', 'own');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'letter', 'return', 'all');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v2 = 'letter' AND v3 IN ('edit', 'withdraw', 'return');
DROP INDEX letters_court_drafter_status;
ALTER TABLE letters DROP COLUMN withdraw_reason;
ALTER TABLE letters DROP COLUMN withdrawn_at;
ALTER TABLE letters DROP COLUMN return_comment;
ALTER TABLE letters DROP COLUMN returned_at;
ALTER TABLE letters DROP COLUMN returned_by;
