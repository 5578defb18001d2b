-- +goose Up
-- A commitment carries its case's status, closing day, closing method, type
-- and dimensions (organ, judge, domain, cause), kept by the store as
-- hearings and appeals keep theirs (00111, 00210, app/hearing_dimensions.go),
-- so that the overdue commitments of the resolutions of a period are chosen
-- from one covering index, without looking up the case of each overdue
-- commitment of every year (about 60,000 lookups at 1,000,000 cases).
ALTER TABLE commitments ADD COLUMN case_status VARCHAR(16) NOT NULL DEFAULT '',
    ADD COLUMN case_closed_on DATE,
    ADD COLUMN case_close_method VARCHAR(32) NOT NULL DEFAULT '',
    ADD COLUMN case_type VARCHAR(16) NOT NULL DEFAULT '',
    ADD COLUMN organ_id BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN case_judge_id BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN domain VARCHAR(32) NOT NULL DEFAULT '',
    ADD COLUMN cause VARCHAR(32) NOT NULL DEFAULT '';
UPDATE commitments m JOIN cases c ON c.id = m.case_id SET m.case_status = c.status, m.case_closed_on = c.closed_on,
    m.case_close_method = c.close_method, m.case_type = c.case_type, m.organ_id = c.organ_id, m.case_judge_id = COALESCE(c.judge_id, 0),
    m.domain = c.domain, m.cause = c.cause;
CREATE INDEX commitments_court_due_case ON commitments(court_code, fulfilled_on, due_on, case_status, case_close_method, case_closed_on,
    case_type, organ_id, case_judge_id, domain, cause, case_id);
DROP INDEX commitments_court_due ON commitments;

-- +goose Down
CREATE INDEX commitments_court_due ON commitments(court_code, fulfilled_on, due_on);
DROP INDEX commitments_court_due_case ON commitments;
ALTER TABLE commitments DROP COLUMN cause, DROP COLUMN domain, DROP COLUMN case_judge_id, DROP COLUMN organ_id, DROP COLUMN case_type,
    DROP COLUMN case_close_method, DROP COLUMN case_closed_on, DROP COLUMN case_status;
