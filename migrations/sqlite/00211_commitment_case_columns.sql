-- +goose Up
-- A commitment carries its case's status, closing day, closing method, type
-- and dimensions (organ, judge, domain, cause), kept by the store as
-- hearings and appeals keep theirs (00111, 00210, app/hearing_dimensions.go),
-- so that the overdue commitments of the resolutions of a period are chosen
-- from one covering index, without looking up the case of each overdue
-- commitment of every year (about 60,000 lookups at 1,000,000 cases).
ALTER TABLE commitments ADD COLUMN case_status TEXT NOT NULL DEFAULT '';
ALTER TABLE commitments ADD COLUMN case_closed_on DATE;
ALTER TABLE commitments ADD COLUMN case_close_method TEXT NOT NULL DEFAULT '';
ALTER TABLE commitments ADD COLUMN case_type TEXT NOT NULL DEFAULT '';
ALTER TABLE commitments ADD COLUMN organ_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE commitments ADD COLUMN case_judge_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE commitments ADD COLUMN domain TEXT NOT NULL DEFAULT '';
ALTER TABLE commitments ADD COLUMN cause TEXT NOT NULL DEFAULT '';
UPDATE commitments SET (case_status, case_closed_on, case_close_method, case_type, organ_id, case_judge_id, domain, cause) =
    (SELECT c.status, c.closed_on, c.close_method, c.case_type, c.organ_id, COALESCE(c.judge_id, 0), c.domain, c.cause FROM cases c WHERE c.id = commitments.case_id);
CREATE INDEX commitments_court_due_case ON commitments(court_code, fulfilled_on, due_on, case_status, case_close_method, case_closed_on,
    case_type, organ_id, case_judge_id, domain, cause, case_id);
DROP INDEX commitments_court_due;

-- +goose Down
CREATE INDEX commitments_court_due ON commitments(court_code, fulfilled_on, due_on);
DROP INDEX commitments_court_due_case;
ALTER TABLE commitments DROP COLUMN cause;
ALTER TABLE commitments DROP COLUMN domain;
ALTER TABLE commitments DROP COLUMN case_judge_id;
ALTER TABLE commitments DROP COLUMN organ_id;
ALTER TABLE commitments DROP COLUMN case_type;
ALTER TABLE commitments DROP COLUMN case_close_method;
ALTER TABLE commitments DROP COLUMN case_closed_on;
ALTER TABLE commitments DROP COLUMN case_status;
