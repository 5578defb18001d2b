-- +goose Up
-- 案结事了's revived resolutions are read from the revived visits (few)
-- rather than by probing every resolution's visits: this index holds them
-- by outcome, with the day and the case, so that they are read alone.
CREATE INDEX visits_court_outcome ON visits(court_code, outcome, visited_on, case_id);

-- +goose Down
DROP INDEX visits_court_outcome ON visits;
