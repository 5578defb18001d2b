-- +goose Up
-- Field work: find a workstation's cases and the open fast-track cases without
-- scanning all of a court's cases, and the circuit hearings a case was heard at.
CREATE INDEX cases_court_workstation ON cases(court_code, workstation_id);
CREATE INDEX cases_court_fast_track ON cases(court_code, fast_track, status, filed_on);
CREATE INDEX circuit_cases_case ON circuit_cases(case_id);

-- +goose Down
DROP INDEX circuit_cases_case;
DROP INDEX cases_court_fast_track;
DROP INDEX cases_court_workstation;
