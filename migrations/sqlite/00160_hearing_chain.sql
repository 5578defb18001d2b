-- +goose Up
-- A held hearing carries the day of the case's previous held hearing (in the
-- order of held_on, then id), and of its previous one at which the organ's
-- head appeared, was notified, either, appeared and spoke, appeared as 正职,
-- kept by the store in the transaction that schedules or changes a hearing
-- (app/hearing_chain.go). A case's hearing is the first of the period [from,
-- to] with a flag when it has the flag and its previous one with the flag was
-- held before from, so that the hearing figures count each case once from one
-- covering index without grouping the period's hearings by case (148,000 at
-- 1,000,000 cases a year: a temporary table of a second on MariaDB).
ALTER TABLE hearings ADD COLUMN prev_held_on DATE;
ALTER TABLE hearings ADD COLUMN prev_appeared_on DATE;
ALTER TABLE hearings ADD COLUMN prev_notified_on DATE;
ALTER TABLE hearings ADD COLUMN prev_either_on DATE;
ALTER TABLE hearings ADD COLUMN prev_spoke_on DATE;
ALTER TABLE hearings ADD COLUMN prev_principal_on DATE;
UPDATE hearings SET prev_held_on = w.p0, prev_appeared_on = w.p1, prev_notified_on = w.p2, prev_either_on = w.p3,
    prev_spoke_on = w.p4, prev_principal_on = w.p5
FROM (SELECT id,
    MAX(held_on) OVER win AS p0,
    MAX(CASE WHEN head_appeared <> 0 THEN held_on END) OVER win AS p1,
    MAX(CASE WHEN head_notified <> 0 THEN held_on END) OVER win AS p2,
    MAX(CASE WHEN head_notified <> 0 OR head_appeared <> 0 THEN held_on END) OVER win AS p3,
    MAX(CASE WHEN head_appeared <> 0 AND head_spoke <> 0 THEN held_on END) OVER win AS p4,
    MAX(CASE WHEN head_appeared <> 0 AND head_rank = 'principal' THEN held_on END) OVER win AS p5
    FROM hearings WHERE held_on IS NOT NULL
    WINDOW win AS (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) w
WHERE hearings.id = w.id;
CREATE INDEX hearings_court_held_chain ON hearings(court_code, held_on, case_id, head_notified, head_appeared, head_spoke, head_rank,
    case_type, organ_id, case_judge_id, domain, cause,
    prev_held_on, prev_appeared_on, prev_notified_on, prev_either_on, prev_spoke_on, prev_principal_on);
DROP INDEX hearings_court_held_dimensions;

-- +goose Down
CREATE INDEX hearings_court_held_dimensions ON hearings(court_code, held_on, case_id, head_notified, head_appeared, head_spoke, head_rank,
    case_type, organ_id, case_judge_id, domain, cause);
DROP INDEX hearings_court_held_chain;
ALTER TABLE hearings DROP COLUMN prev_principal_on;
ALTER TABLE hearings DROP COLUMN prev_spoke_on;
ALTER TABLE hearings DROP COLUMN prev_either_on;
ALTER TABLE hearings DROP COLUMN prev_notified_on;
ALTER TABLE hearings DROP COLUMN prev_appeared_on;
ALTER TABLE hearings DROP COLUMN prev_held_on;
