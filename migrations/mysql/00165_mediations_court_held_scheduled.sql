-- +goose Up
-- The joint mediations of a period (reports.addRecords: held in it, joint
-- or cross-region, not a scheduled appointment) are counted from this index
-- alone: without scheduled in it every mediation of the period was looked
-- up in the table (about 100,000 a year at 1,000,000 cases).
DROP INDEX mediations_court_held ON mediations;
CREATE INDEX mediations_court_held ON mediations(court_code, held_on, mode, scheduled);

-- +goose Down
DROP INDEX mediations_court_held ON mediations;
CREATE INDEX mediations_court_held ON mediations(court_code, held_on, mode);
