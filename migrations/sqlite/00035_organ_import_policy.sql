-- +goose Up
-- A ledger import may register the organs its rows name that the court does
-- not have yet (organ:import), said explicitly beside import:cases: the
-- leader, who imports, has no organ:write for registering organs by hand.
INSERT INTO casbin_rule (ptype, v0, v1, v2, v3, v4) VALUES ('p', 'leader', '*', 'organ', 'import', 'all');

-- +goose Down
DELETE FROM casbin_rule WHERE ptype = 'p' AND v1 = '*' AND v2 = 'organ' AND v3 = 'import';
