-- +goose Up
-- Statistics read a court's cases by a date range. These indexes hold every
-- column the figures aggregate, so that a year of filings or closings is
-- read from the index alone, without a lookup per case. They supersede the
-- plain (court_code, filed_on) and (court_code, closed_on) indexes.
CREATE INDEX cases_court_filed_type ON cases(court_code, filed_on, case_type);
CREATE INDEX cases_court_closed_stats ON cases(court_code, closed_on, status, case_type, close_method, fast_track, days_to_close, penalty_before, penalty_after);
DROP INDEX cases_court_filed ON cases;
DROP INDEX cases_court_closed ON cases;

-- +goose Down
CREATE INDEX cases_court_filed ON cases(court_code, filed_on);
CREATE INDEX cases_court_closed ON cases(court_code, closed_on);
DROP INDEX cases_court_closed_stats ON cases;
DROP INDEX cases_court_filed_type ON cases;
