-- +goose Up
-- The holiday calendar: the national one (court_code '', the State Council's
-- notices, read-only in the app) and each court's own additions (court_code
-- of the court), which apply to that court's cases only. A day added before
-- this split by a court's admin goes to that court (its last audit entry);
-- the official days and days no admin touched stay national.
ALTER TABLE holidays ADD COLUMN court_code VARCHAR(16) NOT NULL DEFAULT '' FIRST;
ALTER TABLE holidays DROP PRIMARY KEY, ADD PRIMARY KEY (court_code, day);
UPDATE holidays h SET h.court_code = COALESCE((SELECT a.court_code FROM audit_log a
        WHERE a.entity = 'holiday' AND a.action = 'holiday.save'
          AND a.entity_id = CAST(DATE_FORMAT(h.day, '%Y%m%d') AS UNSIGNED)
        ORDER BY a.id DESC LIMIT 1), '')
WHERE NOT (h.day BETWEEN '2025-01-01' AND '2026-12-31' AND h.note IN ('国办发明电〔2024〕12号', '国务院办公厅 2025-11-04 通知'));

-- +goose Down
DELETE h FROM holidays h WHERE h.court_code <> ''
  AND (EXISTS (SELECT 1 FROM (SELECT day FROM holidays WHERE court_code = '') n WHERE n.day = h.day)
    OR h.court_code > (SELECT m.c FROM (SELECT day, MIN(court_code) AS c FROM holidays WHERE court_code <> '' GROUP BY day) m WHERE m.day = h.day));
ALTER TABLE holidays DROP PRIMARY KEY, ADD PRIMARY KEY (day);
ALTER TABLE holidays DROP COLUMN court_code;
