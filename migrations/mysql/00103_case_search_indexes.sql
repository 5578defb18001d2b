-- +goose Up
-- The cases of the plaintiffs and of the organs the search (q=) found
-- (app/case_search.go), with what the list filters by (status, type, judge)
-- and sorts by by default (filed_on DESC, id DESC) in the index: their count
-- and a page read no case. cases_court_organ_list replaces
-- cases_court_organ, which it extends.
CREATE INDEX cases_search_plaintiff ON cases(court_code, plaintiff_name, filed_on DESC, id DESC, status, case_type, judge_id, organ_id);
DROP INDEX cases_court_organ ON cases;
CREATE INDEX cases_court_organ_list ON cases(court_code, organ_id, filed_on DESC, id DESC, status, case_type, judge_id);

-- +goose Down
DROP INDEX cases_court_organ_list ON cases;
CREATE INDEX cases_court_organ ON cases(court_code, organ_id);
DROP INDEX cases_search_plaintiff ON cases;
