-- +goose Up
-- The holiday calendar: the national one (court_code '', the State Council's
-- notices, read-only in the app) and each court's own additions (court_code
-- of the court), which apply to that court's cases only. A day added before
-- this split by a court's admin goes to that court (its last audit entry);
-- the official days and days no admin touched stay national.
CREATE TABLE holidays_by_court (
    court_code TEXT NOT NULL DEFAULT '',
    day DATE NOT NULL,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (court_code, day)
);
INSERT INTO holidays_by_court (court_code, day, kind, note)
SELECT CASE
    WHEN h.day BETWEEN '2025-01-01' AND '2026-12-31' AND h.note IN ('国办发明电〔2024〕12号', '国务院办公厅 2025-11-04 通知') THEN ''
    ELSE COALESCE((SELECT a.court_code FROM audit_log a
        WHERE a.entity = 'holiday' AND a.action = 'holiday.save'
          AND a.entity_id = CAST(strftime('%Y%m%d', h.day) AS INTEGER)
        ORDER BY a.id DESC LIMIT 1), '')
    END, h.day, h.kind, h.note
FROM holidays h;
DROP TABLE holidays;
ALTER TABLE holidays_by_court RENAME TO holidays;

-- +goose Down
CREATE TABLE holidays_shared (
    day DATE PRIMARY KEY,
    kind TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
INSERT INTO holidays_shared (day, kind, note)
SELECT day, kind, note FROM holidays WHERE court_code = ''
UNION ALL
SELECT day, kind, note FROM holidays h WHERE court_code <> ''
  AND NOT EXISTS (SELECT 1 FROM holidays n WHERE n.court_code = '' AND n.day = h.day)
  AND h.court_code = (SELECT MIN(o.court_code) FROM holidays o WHERE o.court_code <> '' AND o.day = h.day);
DROP TABLE holidays;
ALTER TABLE holidays_shared RENAME TO holidays;
