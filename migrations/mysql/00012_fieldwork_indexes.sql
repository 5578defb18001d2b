-- +goose Up
-- Field work: find a workstation's cases and the open fast-track cases without
-- scanning all of a court's cases. (circuit_cases.case_id is already indexed
-- for its foreign key here.)
CREATE INDEX cases_court_workstation ON cases(court_code, workstation_id);
CREATE INDEX cases_court_fast_track ON cases(court_code, fast_track, status, filed_on);

-- +goose Down
DROP INDEX cases_court_fast_track ON cases;
DROP INDEX cases_court_workstation ON cases;
