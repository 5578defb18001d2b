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
ALTER TABLE hearings ADD COLUMN prev_held_on DATE NULL,
    ADD COLUMN prev_appeared_on DATE NULL,
    ADD COLUMN prev_notified_on DATE NULL,
    ADD COLUMN prev_either_on DATE NULL,
    ADD COLUMN prev_spoke_on DATE NULL,
    ADD COLUMN prev_principal_on DATE NULL;
UPDATE hearings h JOIN (SELECT id,
    MAX(held_on) OVER (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p0,
    MAX(CASE WHEN head_appeared <> 0 THEN held_on END) OVER (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p1,
    MAX(CASE WHEN head_notified <> 0 THEN held_on END) OVER (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p2,
    MAX(CASE WHEN head_notified <> 0 OR head_appeared <> 0 THEN held_on END) OVER (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p3,
    MAX(CASE WHEN head_appeared <> 0 AND head_spoke <> 0 THEN held_on END) OVER (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p4,
    MAX(CASE WHEN head_appeared <> 0 AND head_rank = 'principal' THEN held_on END) OVER (PARTITION BY case_id ORDER BY held_on, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS p5
    FROM hearings WHERE held_on IS NOT NULL) w ON w.id = h.id
SET h.prev_held_on = w.p0, h.prev_appeared_on = w.p1, h.prev_notified_on = w.p2, h.prev_either_on = w.p3,
    h.prev_spoke_on = w.p4, h.prev_principal_on = w.p5;
CREATE INDEX hearings_court_held_chain ON hearings(court_code, held_on, case_id, head_notified, head_appeared, head_spoke, head_rank,
    case_type, organ_id, case_judge_id, domain, cause,
    prev_held_on, prev_appeared_on, prev_notified_on, prev_either_on, prev_spoke_on, prev_principal_on);
DROP INDEX hearings_court_held_dimensions ON hearings;

-- +goose Down
CREATE INDEX hearings_court_held_dimensions ON hearings(court_code, held_on, case_id, head_notified, head_appeared, head_spoke, head_rank,
    case_type, organ_id, case_judge_id, domain, cause);
DROP INDEX hearings_court_held_chain ON hearings;
ALTER TABLE hearings DROP COLUMN prev_principal_on, DROP COLUMN prev_spoke_on, DROP COLUMN prev_either_on,
    DROP COLUMN prev_notified_on, DROP COLUMN prev_appeared_on, DROP COLUMN prev_held_on;
