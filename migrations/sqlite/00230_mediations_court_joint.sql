-- +goose Up
-- The joint mediations of a period (reports.addRecords: held in it, joint
-- or cross-region, not a scheduled appointment) are counted from this index:
-- the held ones of the two modes only, two ranges of days, instead of every
-- mediation of the period from mediations_court_held (about 322,000 a year
-- at 1,000,000 cases, of which 97,000 joint), which the calendar keeps for
-- its days.
CREATE INDEX mediations_court_joint ON mediations(court_code, scheduled, mode, held_on);

-- +goose Down
DROP INDEX mediations_court_joint;
