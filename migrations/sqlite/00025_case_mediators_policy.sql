-- +goose Up
-- Setting a case's mediators is its own action (case:mediators), one rule at
-- filing and later: the leader on every case, the judge on their own case.
-- Assigning the judge stays case:assign (the leader).
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'case', 'mediators', 'all');
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'judge', '*', 'case', 'mediators', 'own');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = '*' AND v2 = 'case' AND v3 = 'mediators';
